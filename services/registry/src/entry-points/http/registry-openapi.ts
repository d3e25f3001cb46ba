import { createOpenApiDocument, serveOpenApiDocument } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { AppealParams, ListQuery } from './appeal-routes.js';
import { ByNumberQuery, CardParams, SearchQuery } from './staff-routes.js';
import { StatsQuery } from './unit-stats-routes.js';

const ERRORS = {
  400: 'The request is invalid; `fields` names each field at fault.',
  401: 'No valid staff token.',
  403: 'The token’s role or units do not allow this.',
  404: 'No such appeal.',
} as const;

// Comma lists are strings to a client; examples of lists the registry takes, so generated
// requests reach past the validation.
const SearchQueryDocumented = SearchQuery.extend({ status: SearchQuery.shape.status.meta({ example: 'received,routed,accepted' }) });
const StatsQueryDocumented = StatsQuery.extend({ units: StatsQuery.shape.units.meta({ example: 'zhkh,roads' }) });
const ListQueryDocumented = ListQuery.extend({ status: ListQuery.shape.status.meta({ example: 'routed,closed' }) });

/**
 * The registry's HTTP API as an OpenAPI document built from the very schemas that validate its
 * requests, served at `/docs/json` (and `/docs/yaml`) for client generators and API fuzzing. The
 * staff routes are in it when the registry serves them (it was given staff tokens).
 */
export async function serveRegistryOpenApi(app: FastifyInstance, options: { staff: boolean }): Promise<void> {
  const api = createOpenApiDocument({
    title: 'Priemnaya registry API',
    description:
      'Where every appeal stands: status and history for the fleet’s services, and for the staff an appeal’s card, search, read audit and the units’ charts. Every error names the field at fault.',
    errors: ERRORS,
  });
  const { errors, json } = api;
  api.route({
    method: 'get',
    path: '/v1/appeals',
    summary: 'Statuses of many appeals at once, newest first; no personal data',
    request: { query: ListQueryDocumented },
    responses: { 200: json('The appeals.'), ...errors(400) },
  });
  api.route({
    method: 'get',
    path: '/v1/appeals/{id}/status',
    summary: 'An appeal’s status; no personal data',
    request: { params: AppealParams },
    responses: { 200: json('The status.'), ...errors(400, 404) },
  });
  api.route({
    method: 'get',
    path: '/v1/appeals/{id}/history',
    summary: 'An appeal’s history as a citizen may see it; no personal data',
    request: { params: AppealParams },
    responses: { 200: json('The history.'), ...errors(400, 404) },
  });
  if (!options.staff) return serveOpenApiDocument(app, api.document());

  api.staffRoute({
    method: 'get',
    path: '/v1/staff/appeals/by-number',
    summary: 'An appeal’s card by its registration number, with its personal data and full history; the read is audited',
    request: { query: ByNumberQuery },
    responses: { 200: json('The card.'), ...errors(400, 401, 403, 404) },
  });
  api.staffRoute({
    method: 'get',
    path: '/v1/staff/appeals/{id}',
    summary: 'An appeal’s card, with its personal data and full history; the read is audited',
    request: { params: CardParams },
    responses: { 200: json('The card.'), ...errors(400, 401, 403, 404) },
  });
  api.staffRoute({
    method: 'get',
    path: '/v1/staff/appeals/{id}/read-audit',
    summary: 'Who read the appeal’s card or found it in a search, and when',
    request: { params: CardParams },
    responses: { 200: json('The reads.'), ...errors(400, 401, 403) },
  });
  api.staffRoute({
    method: 'get',
    path: '/v1/staff/appeals',
    summary: 'A search over the appeals of the units the token covers, newest first, a page at a time; the appeals found are audited',
    request: { query: SearchQueryDocumented },
    responses: { 200: json('A page of appeals, and the cursor of the next.'), ...errors(400, 401, 403) },
  });
  api.staffRoute({
    method: 'get',
    path: '/v1/staff/units/stats',
    summary: 'Per unit, one entry per city day: appeals received, answered, answered on time, open and overdue',
    request: { query: StatsQueryDocumented },
    responses: { 200: json('The units’ charts.'), ...errors(400, 401, 403) },
  });
  return serveOpenApiDocument(app, api.document());
}
