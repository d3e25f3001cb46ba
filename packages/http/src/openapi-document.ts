import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/** The body of every 4xx and 5xx, as the error handler of `createHttpServer` sends it. */
export const ErrorBodySchema = z
  .object({
    statusCode: z.number().int(),
    code: z.string(),
    message: z.string().meta({ description: 'Names the field at fault first, as `field: problem`.' }),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

export interface OpenApiDocumentOptions<S extends number> {
  title: string;
  description: string;
  /** What each error status means on this API; `errors(...)` documents the ones a route may answer. */
  errors: Record<S, string>;
}

/** A service's HTTP API described route by route from the zod schemas that validate the requests. */
export interface OpenApiDocumentBuilder<S extends number> {
  /** A route anyone may call. */
  route: (config: RouteConfig) => void;
  /** A route that needs a staff bearer token. */
  staffRoute: (config: Omit<RouteConfig, 'security'>) => void;
  /** The error answers of a route, each with the error body. */
  errors: (...statuses: S[]) => Record<number, ResponseConfig>;
  /** A JSON answer; any object unless a schema is given. */
  json: (description: string, schema?: z.ZodType) => ResponseConfig;
  /** A required JSON request body. */
  jsonBody: (schema: z.ZodType, required?: boolean) => NonNullable<NonNullable<RouteConfig['request']>['body']>;
  /** The OpenAPI 3.1 document of the routes added so far. */
  document: () => Record<string, unknown>;
}

export function createOpenApiDocument<S extends number>(options: OpenApiDocumentOptions<S>): OpenApiDocumentBuilder<S> {
  const registry = new OpenAPIRegistry();
  let bearer: { name: string } | undefined;
  const json = (description: string, schema: z.ZodType = z.object({}).loose()): ResponseConfig => ({ description, content: { 'application/json': { schema } } });
  return {
    route: (config) => registry.registerPath(config),
    staffRoute: (config) => {
      bearer ??= registry.registerComponent('securitySchemes', 'staffToken', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
      registry.registerPath({ ...config, security: [{ [bearer.name]: [] }] });
    },
    errors: (...statuses) => Object.fromEntries(statuses.map((status) => [status, json(options.errors[status], ErrorBodySchema)])),
    json,
    jsonBody: (schema, required = true) => ({ required, content: { 'application/json': { schema } } }),
    document: () =>
      new OpenApiGeneratorV31(registry.definitions).generateDocument({
        openapi: '3.1.0',
        info: { title: options.title, version: '1.0.0', description: options.description },
        servers: [{ url: '/' }],
      }) as unknown as Record<string, unknown>,
  };
}

/** Serves an OpenAPI document at `/docs/json` (and `/docs/yaml`), for client generators and API fuzzing. */
export async function serveOpenApiDocument(app: FastifyInstance, document: Record<string, unknown>): Promise<void> {
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  app.get('/docs/json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/docs/yaml', { schema: { hide: true } }, async (_request, reply) => reply.type('application/yaml').send(app.swagger({ yaml: true })));
}
