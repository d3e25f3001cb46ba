import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { ErrorBodySchema } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';

export function createOpenApiRegistry(): OpenAPIRegistry {
  return new OpenAPIRegistry();
}

/**
 * Serves the document built from the routes' own zod schemas: the interactive reference at
 * `/docs`, the document itself at `/docs/json` (and `/docs/yaml`).
 */
export async function serveOpenApi(app: FastifyInstance, registry: OpenAPIRegistry): Promise<void> {
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Priemnaya public intake API',
      version: '1.0.0',
      description:
        'Appeals of citizens to the city administration: the site form, the Open311 GeoReport v2 façade and the chat webhooks. ' +
        'Every error has one shape and names the field at fault.',
    },
    servers: [{ url: '/' }],
  });
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
}

/** The answers every public route may give besides its own. */
export function commonResponses(...statuses: (400 | 404 | 413 | 415 | 422 | 429 | 503)[]) {
  const descriptions = {
    400: 'The request is invalid; `fields` names each field at fault.',
    404: 'No such appeal.',
    413: 'The body or an attachment is too large.',
    415: 'The body is of a media type the route does not take (text/plain among them); the message names `content-type` and the types it takes, those of the request body here.',
    422: 'The idempotency key was already used for a different appeal.',
    429: 'Too many requests from this client; retry after `Retry-After` seconds.',
    503: 'The service cannot accept this now; retry after `Retry-After` seconds with the same idempotency key.',
  } as const;
  return Object.fromEntries(
    statuses.map((status) => [status, { description: descriptions[status], content: { 'application/json': { schema: ErrorBodySchema } } }]),
  );
}
