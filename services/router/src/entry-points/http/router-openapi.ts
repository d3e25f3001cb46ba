import { createOpenApiDocument, serveOpenApiDocument } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AuditQuery, DistrictBody, IdParams, RouteRow, RouteRowKey, RuleBody, UnitBody } from './admin-routes.js';
import { IMPORT_MEDIA_TYPES, ImportBody, ImportParams, ImportQuery, ImportRefused, ModelImport } from './model-import-routes.js';
import { VersionParams } from './model-routes.js';
import { PrecisionReport } from './precision-routes.js';
import { SuggestionRequest, TopicSuggestion } from './suggestion-routes.js';
import { DecisionBody, DecisionParams, ListQuery } from './triage-routes.js';

const ERRORS = {
  400: 'The request is invalid; `fields` names each field at fault.',
  401: 'No valid staff token.',
  403: 'The token’s role does not allow this.',
  404: 'No such row, rule, model or appeal in triage.',
  409: 'The appeal was already decided, or another import is in progress on this router.',
  413: 'The body is larger than the route allows.',
  415: 'The body is not of a media type the route reads.',
  503: 'The router is not configured for this (it names the variable) or a dependency is unavailable.',
} as const;

/**
 * The router's HTTP API as an OpenAPI document built from the very schemas that validate its
 * requests, served at `/docs/json` (and `/docs/yaml`) for client generators and API fuzzing.
 */
export async function serveRouterOpenApi(app: FastifyInstance): Promise<void> {
  const api = createOpenApiDocument({
    title: 'Priemnaya router API',
    description: 'Routing suggestions for the desk, the administrators’ routing data, the live precision guard, the triage queue and model versions. Every error names the field at fault.',
    errors: ERRORS,
  });
  const { errors, jsonBody, staffRoute: staff } = api;
  const ok = (description: string, schema?: z.ZodType) => ({ 200: api.json(description, schema) });

  api.route({
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
  staff({
    method: 'get',
    path: '/v1/routing/precision',
    summary: 'The live precision guard: each topic’s measured precision, its window and whether it is suspended',
    responses: { ...ok('The policy and every routing topic.', PrecisionReport), ...errors(401, 403) },
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

  staff({
    method: 'post',
    path: '/v1/models/imports',
    summary: 'Imports a city’s past appeals (text and the unit that answered, in its own unit names) and trains a candidate on the corpus plus them',
    description:
      'The body is the file as exported. Units are mapped to topics through the routing table; any bad line refuses the whole file (400, each line named) and nothing is trained. A valid file answers 202 at once and trains in the background: follow `Location`. The candidate is compared with the current model on a held-out quarter of the city’s appeals and stored, not promoted.',
    request: {
      query: ImportQuery,
      body: { required: true, content: Object.fromEntries(IMPORT_MEDIA_TYPES.map((type) => [type, { schema: ImportBody }])) },
    },
    responses: {
      202: { ...api.json('The import, running; `Location` is where its state is served.', ModelImport), headers: { Location: { description: 'The import’s URL.', schema: { type: 'string' } } } },
      400: api.json('The file has problems: `fields` names each as `line N: <column>` (the first 50), `problems` counts them; or the query is invalid, or the file holds too few appeals.', ImportRefused),
      ...errors(401, 403, 409, 413, 415, 503),
    },
  });
  staff({
    method: 'get',
    path: '/v1/models/imports/{id}',
    summary: 'An import’s state: running, done with the candidate and both models’ held-out figures, or failed with the reason',
    request: { params: ImportParams },
    responses: { ...ok('The import.', ModelImport), ...errors(400, 401, 403, 404) },
  });

  await serveOpenApiDocument(app, api.document());
}
