import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AuditQuery, DistrictBody, IdParams, RouteRow, RouteRowKey, RuleBody, UnitBody } from './admin-routes.js';
import { VersionParams } from './model-routes.js';
import { SuggestionRequest, TopicSuggestion } from './suggestion-routes.js';
import { DecisionBody, DecisionParams, ListQuery } from './triage-routes.js';

const ErrorBody = z
  .object({
    statusCode: z.number().int(),
    code: z.string(),
    message: z.string().meta({ description: 'Names the field at fault first, as `field: problem`.' }),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

const ERRORS = {
  400: 'The request is invalid; `fields` names each field at fault.',
  401: 'No valid staff token.',
  403: 'The token’s role does not allow this.',
  404: 'No such row, rule, model or appeal in triage.',
  409: 'The appeal was already decided.',
} as const;
const errors = (...statuses: (keyof typeof ERRORS)[]) =>
  Object.fromEntries(statuses.map((status) => [status, { description: ERRORS[status], content: { 'application/json': { schema: ErrorBody } } }]));
const ok = (description: string, schema: z.ZodType = z.object({}).loose()) => ({ 200: { description, content: { 'application/json': { schema } } } });
const jsonBody = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema } } });

/**
 * The router's HTTP API as an OpenAPI document built from the very schemas that validate its
 * requests, served at `/docs/json` (and `/docs/yaml`) for client generators and API fuzzing.
 */
export async function serveRouterOpenApi(app: FastifyInstance): Promise<void> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'staffToken', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const security = [{ [bearer.name]: [] }];
  const staff = (route: RouteConfig) => registry.registerPath({ security, ...route });

  registry.registerPath({
    method: 'post',
    path: '/v1/suggestions',
    summary: 'Where a text being typed at the desk would be routed; nothing is stored',
    request: { body: jsonBody(SuggestionRequest) },
    responses: { ...ok('The suggestions.', z.object({ suggestions: z.array(TopicSuggestion) })), ...errors(400) },
  });
  const edit = { ...ok('The edit as recorded, with the document before and after.'), ...errors(400, 401, 403) };
  staff({ method: 'get', path: '/v1/routing/table', summary: 'The routing table', responses: { ...ok('The rows.'), ...errors(401, 403) } });
  staff({ method: 'put', path: '/v1/routing/table', summary: 'Sets one row of the routing table', request: { body: jsonBody(RouteRow) }, responses: edit });
  staff({
    method: 'delete',
    path: '/v1/routing/table',
    summary: 'Removes one row of the routing table',
    request: { query: RouteRowKey },
    responses: { ...edit, ...errors(400, 401, 403, 404) },
  });
  staff({ method: 'get', path: '/v1/routing/rules', summary: 'The explicit rules', responses: { ...ok('The rules.'), ...errors(401, 403) } });
  staff({ method: 'put', path: '/v1/routing/rules/{id}', summary: 'Sets one rule', request: { params: IdParams, body: jsonBody(RuleBody) }, responses: edit });
  staff({
    method: 'delete',
    path: '/v1/routing/rules/{id}',
    summary: 'Removes one rule',
    request: { params: IdParams },
    responses: { ...edit, ...errors(400, 401, 403, 404) },
  });
  staff({ method: 'get', path: '/v1/routing/districts', summary: 'The districts', responses: { ...ok('The districts.'), ...errors(401, 403) } });
  staff({ method: 'put', path: '/v1/routing/districts/{id}', summary: 'Sets one district', request: { params: IdParams, body: jsonBody(DistrictBody) }, responses: edit });
  staff({ method: 'get', path: '/v1/routing/units', summary: 'The units', responses: { ...ok('The units.'), ...errors(401, 403) } });
  staff({ method: 'put', path: '/v1/routing/units/{id}', summary: 'Sets one unit', request: { params: IdParams, body: jsonBody(UnitBody) }, responses: edit });
  staff({
    method: 'get',
    path: '/v1/routing/audit',
    summary: 'The trail of edits: who, when, before and after',
    request: { query: AuditQuery },
    responses: { ...ok('The entries, latest first.'), ...errors(400, 401, 403) },
  });
  staff({ method: 'get', path: '/v1/triage', summary: 'Appeals waiting for a person to route them', request: { query: ListQuery }, responses: { ...ok('The queue.'), ...errors(400, 401, 403) } });
  staff({
    method: 'post',
    path: '/v1/triage/{appealId}/decision',
    summary: 'Decides one appeal’s topic and unit',
    request: { params: DecisionParams, body: jsonBody(DecisionBody) },
    responses: { ...ok('The decision.'), ...errors(400, 401, 403, 404, 409) },
  });
  staff({ method: 'get', path: '/v1/models', summary: 'The stored model versions with their evaluations', responses: { ...ok('The models.'), ...errors(401, 403) } });
  staff({
    method: 'post',
    path: '/v1/models/{version}/promote',
    summary: 'Makes a stored model the one every router uses',
    request: { params: VersionParams },
    responses: { ...ok('The version now routing.'), ...errors(400, 401, 403, 404) },
  });

  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Priemnaya router API',
      version: '1.0.0',
      description: 'Routing suggestions for the desk, the administrators’ routing data, the triage queue and model versions. Every error names the field at fault.',
    },
    servers: [{ url: '/' }],
  });
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  app.get('/docs/json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/docs/yaml', { schema: { hide: true } }, async (_request, reply) => reply.type('application/yaml').send(app.swagger({ yaml: true })));
}
