import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { DESCRIPTION_MAX_LENGTH } from '../../../domain/open311/parse-service-request.js';
import { MAX_RANGE_DAYS, MAX_REQUESTS } from '../../../domain/open311/parse-requests-query.js';
import { IdempotencyKey } from '../site/appeal-routes.js';
import { OPEN311_FORMATS } from './open311-format.js';
import { OPEN311_PREFIX } from './open311-routes.js';

const Format = z.enum(OPEN311_FORMATS).meta({ description: 'The response format: `json`, or `xml` (the standard\'s shape, UTF-8).' });
const Jurisdiction = z.string().optional().meta({ description: 'Optional: this endpoint serves one jurisdiction.' });

const Open311Service = z
  .object({
    service_code: z.string(),
    service_name: z.string(),
    description: z.string(),
    metadata: z.boolean().meta({ description: 'Always false: no service asks for attributes.' }),
    type: z.enum(['realtime', 'batch', 'blackbox']),
    keywords: z.string(),
    group: z.string(),
  })
  .meta({ id: 'Open311Service' });

const ServiceDefinition = z
  .object({ service_code: z.string(), attributes: z.array(z.object({})).max(0).meta({ description: 'Empty: no service has attributes.' }) })
  .meta({ id: 'Open311ServiceDefinition' });

const ServiceRequestForm = z
  .object({
    api_key: z.string().optional().meta({ description: 'Required when the administration has issued keys to client applications; 403 when not valid.' }),
    jurisdiction_id: z.string().optional(),
    service_code: z.string().meta({ description: 'Required: one of `services`.' }),
    lat: z.string().optional().meta({ description: 'WGS84; with `long`. One of lat+long, address_string or address_id is required.' }),
    long: z.string().optional(),
    address_string: z.string().max(500).optional(),
    address_id: z.string().max(200).optional().meta({ description: 'Kept with the appeal as sent; there is no address repository to resolve it.' }),
    email: z.email().optional(),
    device_id: z.string().max(200).optional(),
    account_id: z.string().max(200).optional(),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
    phone: z.string().optional(),
    description: z.string().max(DESCRIPTION_MAX_LENGTH).meta({ description: 'Required here: an appeal needs its text.' }),
    media_url: z.url().optional().meta({ description: 'Kept with the appeal as sent; not fetched.' }),
  })
  .meta({ id: 'Open311ServiceRequestForm' });

const Created = z
  .array(
    z.object({
      service_request_id: z.uuid(),
      token: z.string().meta({ description: 'The registration number, URL-safe (`00042-2026`); `tokens/{token}` resolves it.' }),
      service_notice: z.string(),
      account_id: z.string().nullable(),
    }),
  )
  .meta({ id: 'Open311Created' });

const PublicRequest = z
  .object({
    service_request_id: z.uuid(),
    status: z.enum(['open', 'closed']),
    status_notes: z.string(),
    service_name: z.string(),
    service_code: z.string(),
    agency_responsible: z.string().optional().meta({ description: 'The unit that answers, once the appeal is routed.' }),
    service_notice: z.string(),
    requested_datetime: z.string(),
    updated_datetime: z.string(),
  })
  .meta({ id: 'Open311ServiceRequest' });

const TokenAnswer = z.array(z.object({ service_request_id: z.uuid(), token: z.string() })).meta({ id: 'Open311Token' });

const Errors = z.array(z.object({ code: z.number().int(), description: z.string().meta({ description: 'Names the field first.' }) })).meta({ id: 'Open311Errors' });

const PRIVACY =
  'Appeals under 59-FZ are personal data, and this API has no authentication: a request shows its status, service, responsible ' +
  'unit and dates only. The standard\'s description, address, address_id, zipcode, lat, long and media_url are left out on purpose.';

function answers(schema: z.ZodType, description: string, errors: number[]) {
  const errorDescriptions: Record<number, string> = {
    400: 'A field is missing or invalid; each error names its field.',
    403: 'api_key is not valid.',
    404: 'No such service, request, token or jurisdiction.',
    413: 'The body is too large.',
    415: 'The body is not application/x-www-form-urlencoded.',
    422: 'The Idempotency-Key was already used for a different request.',
    429: 'Too many requests from this client; retry after `Retry-After` seconds.',
    503: 'The service cannot accept this now; retry after `Retry-After` seconds (with the same Idempotency-Key).',
  };
  const both = (body: z.ZodType) => ({ 'application/json': { schema: body }, 'text/xml': { schema: body } });
  return {
    200: { description, content: both(schema) },
    ...Object.fromEntries(errors.map((status) => [status, { description: errorDescriptions[status] ?? 'Error.', content: both(Errors) }])),
  };
}

/** The Open311 GeoReport v2 routes in the OpenAPI document. */
export function documentOpen311Routes(registry: OpenAPIRegistry): void {
  const tags = ['Open311 GeoReport v2'];
  registry.registerPath({
    method: 'get',
    path: `${OPEN311_PREFIX}/services.{format}`,
    tags,
    summary: 'The services: the routing topics of the administration',
    request: { params: z.object({ format: Format }), query: z.object({ jurisdiction_id: Jurisdiction }) },
    responses: answers(z.array(Open311Service), 'The services (XML: `<services><service>…`).', [404, 429]),
  });
  registry.registerPath({
    method: 'get',
    path: `${OPEN311_PREFIX}/services/{service_code}.{format}`,
    tags,
    summary: 'A service definition (no attributes)',
    request: { params: z.object({ service_code: z.string(), format: Format }), query: z.object({ jurisdiction_id: Jurisdiction }) },
    responses: answers(ServiceDefinition, 'The definition (XML: `<service_definition>`).', [404, 429]),
  });
  registry.registerPath({
    method: 'post',
    path: `${OPEN311_PREFIX}/requests.{format}`,
    tags,
    summary: 'Submit a service request: it is registered as an appeal',
    description:
      'Form-encoded as the standard says. The answer comes once the appeal is registered and safely stored, with its id, ' +
      'its token (the registration number) and a notice of the answer deadline. A repeat with the same `Idempotency-Key` ' +
      'returns the first registration. Fields without a place in an appeal (address_id, device_id, media_url, attributes) are kept as sent.',
    request: {
      params: z.object({ format: Format }),
      headers: z.object({ 'Idempotency-Key': IdempotencyKey.optional() }),
      body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: ServiceRequestForm } } },
    },
    responses: answers(Created, 'Registered (XML: `<service_requests><request>…`).', [400, 403, 404, 413, 415, 422, 429, 503]),
  });
  registry.registerPath({
    method: 'get',
    path: `${OPEN311_PREFIX}/requests.{format}`,
    tags,
    summary: 'Search service requests',
    description:
      `Newest first, at most ${MAX_REQUESTS}. Without dates, the last ${MAX_RANGE_DAYS} days; a range may not span more. ` +
      '`service_request_id` (comma list) overrides every other filter. A new request appears here once the registry has it. ' + PRIVACY,
    request: {
      params: z.object({ format: Format }),
      query: z.object({
        jurisdiction_id: Jurisdiction,
        service_request_id: z.string().optional().meta({ description: 'Comma-delimited ids.' }),
        service_code: z.string().optional().meta({ description: 'Comma-delimited service codes.' }),
        start_date: z.string().optional().meta({ description: 'W3C date-time with a zone.' }),
        end_date: z.string().optional(),
        status: z.string().optional().meta({ description: 'open, closed, or both comma-delimited.' }),
      }),
    },
    responses: answers(z.array(PublicRequest), 'The requests.', [400, 404, 429, 503]),
  });
  registry.registerPath({
    method: 'get',
    path: `${OPEN311_PREFIX}/requests/{service_request_id}.{format}`,
    tags,
    summary: 'One service request',
    description: PRIVACY,
    request: { params: z.object({ service_request_id: z.uuid(), format: Format }), query: z.object({ jurisdiction_id: Jurisdiction }) },
    responses: answers(z.array(PublicRequest), 'A list of one request, as the standard writes it.', [404, 429, 503]),
  });
  registry.registerPath({
    method: 'get',
    path: `${OPEN311_PREFIX}/tokens/{token}.{format}`,
    tags,
    summary: 'The service request of a token (a registration number)',
    request: { params: z.object({ token: z.string().meta({ example: '00042-2026' }), format: Format }), query: z.object({ jurisdiction_id: Jurisdiction }) },
    responses: answers(TokenAnswer, 'The request id and the token.', [404, 429, 503]),
  });
}
