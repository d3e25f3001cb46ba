import { CalendarSettings, CalendarYear, LocalDate, PolicySet } from '@priemnaya/deadlines';
import type { FastifyInstance } from 'fastify';
import { CalendarImport } from './rules-routes.js';
import { z } from 'zod';

/** A schema as OpenAPI 3.1 takes it (JSON Schema 2020-12), from the zod schema that checks the request. */
const jsonSchema = (schema: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return rest;
};

const ErrorBody = jsonSchema(
  z.object({
    statusCode: z.number().int(),
    code: z.string(),
    message: z.string().meta({ description: 'Names the field at fault first, as `field: problem`.' }),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
);
const ERRORS = {
  400: 'The request is invalid; `fields` names each field at fault, and nothing changed.',
  401: 'No valid staff token.',
  403: 'The token’s role does not allow this.',
} as const;
const errors = (...statuses: (keyof typeof ERRORS)[]) =>
  Object.fromEntries(statuses.map((status) => [status, { description: ERRORS[status], content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]));
const replanned = { description: 'In force; every open appeal was re-planned.', content: { 'application/json': { schema: jsonSchema(z.object({ replanned: z.number().int() })) } } };
const security = [{ staffToken: [] }];

/** The monitor's staff API as an OpenAPI 3.1 document. */
export function monitorOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Priemnaya monitor API',
      version: '1.0.0',
      description: 'Deadline alerts for supervisors, their daily digest, and the administrators’ deadline policies and production calendar. Every error names the field at fault.',
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas: { Error: ErrorBody } },
    paths: {
      '/v1/alerts/stream': {
        get: {
          summary: 'Server-sent events, one `alert` event per alert the signed-in person may see; resumes after `Last-Event-ID` or `after`',
          security,
          parameters: [{ name: 'after', in: 'query', required: false, schema: { type: 'string', format: 'uuid' } }],
          responses: { 200: { description: 'The stream.', content: { 'text/event-stream': { schema: { type: 'string' } } } }, ...errors(400, 401, 403) },
        },
      },
      '/v1/digests/{date}': {
        get: {
          summary: 'The signed-in supervisor’s day: alerts raised in their units and their running clocks',
          security,
          parameters: [{ name: 'date', in: 'path', required: true, schema: { ...jsonSchema(LocalDate), example: '2026-03-02' } }],
          responses: { 200: { description: 'The digest.', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401, 403) },
        },
      },
      '/v1/deadline-policies': {
        put: {
          summary: 'Replaces the deadline policies, checked whole, and re-plans every open appeal',
          security,
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(PolicySet) } } },
          responses: { 200: replanned, ...errors(400, 401, 403) },
        },
      },
      '/v1/production-calendar': {
        put: {
          summary: 'Replaces the production calendar, checked whole, and re-plans every open appeal',
          security,
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(z.object({ settings: CalendarSettings.optional(), years: z.array(CalendarYear) })) } },
          },
          responses: { 200: replanned, ...errors(400, 401, 403) },
        },
      },
      '/v1/production-calendar/imports': {
        post: {
          summary: 'Loads one year from the open-data CSV (one row per year, `*` shortened, `+` transferred), replacing that year, and re-plans every open appeal; a file that does not parse is refused with its line',
          security,
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(CalendarImport) } } },
          responses: {
            200: { description: 'In force; every open appeal was re-planned.', content: { 'application/json': { schema: jsonSchema(z.object({ year: z.number().int(), workingDays: z.number().int(), provisional: z.boolean(), replanned: z.number().int() })) } } },
            ...errors(400, 401, 403),
          },
        },
      },
      '/v1/production-calendar/years/{year}': {
        get: {
          summary: 'A year of the calendar in force: its non-working days, working-day count, the days ТК РФ ст. 112 ч. 2 moved, its act, and whether it is provisional',
          security,
          parameters: [{ name: 'year', in: 'path', required: true, schema: { type: 'integer', minimum: 2000, maximum: 2100, example: 2027 } }],
          responses: { 200: { description: 'The year.', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors(400, 401, 403) },
        },
      },
    },
  };
}

/** Serves the document at `/docs/json`, for client generators and API fuzzing. */
export function serveMonitorOpenApi(http: FastifyInstance): void {
  const document = monitorOpenApiDocument();
  http.get('/docs/json', async () => document);
}
