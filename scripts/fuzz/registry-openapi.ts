import { AppealId, AppealStatus, Channel, RegistrationNumber, RoutingTopic, Timestamp, UnitCode } from '@priemnaya/contracts';
import { z } from 'zod';

/**
 * The registry serves no OpenAPI document of its own yet: this one, written from its routes for
 * fuzzing only, describes its HTTP API (the fleet's status reads and the staff's card, search,
 * read audit and unit charts) so that Schemathesis can reach it. The registry's own document,
 * built from its routes' schemas as the other services do, should replace it.
 */
const schema = (type: z.ZodType) => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' });
  return rest;
};
const query = (name: string, type: z.ZodType | Record<string, unknown>) => ({
  name,
  in: 'query',
  required: false,
  schema: type instanceof z.ZodType ? schema(type) : type,
});
const idParam = { name: 'id', in: 'path', required: true, schema: schema(AppealId) };
const list = { type: 'string', description: 'A comma list.' };
const answers = { 200: { description: 'The answer.' }, 400: { description: 'Invalid; names the field.' }, 404: { description: 'No such appeal.' } };
const staffAnswers = { ...answers, 401: { description: 'No valid staff token.' }, 403: { description: 'Not allowed for this token.' } };
const security = [{ staffToken: [] }];

export function registryOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'Priemnaya registry API (for fuzzing)', version: '1.0.0' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { staffToken: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/v1/appeals': {
        get: {
          parameters: [
            query('id', list),
            query('registrationNumber', list),
            query('channel', Channel),
            query('status', list),
            query('receivedFrom', Timestamp),
            query('receivedTo', Timestamp),
            query('limit', { type: 'integer' }),
          ],
          responses: answers,
        },
      },
      '/v1/appeals/{id}/status': { get: { parameters: [idParam], responses: answers } },
      '/v1/appeals/{id}/history': { get: { parameters: [idParam], responses: answers } },
      '/v1/staff/appeals/by-number': {
        get: { security, parameters: [{ ...query('registrationNumber', RegistrationNumber), required: true }], responses: staffAnswers },
      },
      '/v1/staff/appeals/{id}': { get: { security, parameters: [idParam], responses: staffAnswers } },
      '/v1/staff/appeals/{id}/read-audit': { get: { security, parameters: [idParam], responses: staffAnswers } },
      '/v1/staff/appeals': {
        get: {
          security,
          parameters: [
            query('unit', UnitCode),
            query('status', { type: 'string', examples: [AppealStatus.options.slice(0, 3).join(',')] }),
            query('topic', RoutingTopic),
            query('channel', Channel),
            query('registrationNumber', RegistrationNumber),
            query('receivedFrom', Timestamp),
            query('receivedTo', Timestamp),
            query('dueFrom', Timestamp),
            query('dueTo', Timestamp),
            query('limit', { type: 'integer' }),
            query('cursor', { type: 'string', maxLength: 400 }),
          ],
          responses: staffAnswers,
        },
      },
      '/v1/staff/units/stats': {
        get: { security, parameters: [query('units', { ...list, examples: ['zhkh,roads'] }), query('days', { type: 'integer' })], responses: staffAnswers },
      },
    },
  };
}
