import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOpenApiDocument, serveOpenApiDocument } from './openapi-document.js';

const ERRORS = { 400: 'Invalid; names the field.', 401: 'No valid staff token.' } as const;

function sampleDocument() {
  const api = createOpenApiDocument({ title: 'Sample API', description: 'For the test.', errors: ERRORS });
  api.route({
    method: 'get',
    path: '/v1/things/{id}',
    request: { params: z.object({ id: z.uuid() }), query: z.strictObject({ limit: z.coerce.number().int().min(1).max(10).default(5) }) },
    responses: { 200: api.json('The thing.'), ...api.errors(400) },
  });
  api.staffRoute({
    method: 'put',
    path: '/v1/things/{id}',
    request: { params: z.object({ id: z.uuid() }), body: api.jsonBody(z.object({ name: z.string().max(20) })) },
    responses: { 200: api.json('Stored.', z.object({ stored: z.boolean() })), ...api.errors(400, 401) },
  });
  return api.document() as {
    openapi: string;
    info: { title: string };
    paths: Record<string, Record<string, { security?: unknown; parameters?: unknown[]; requestBody?: unknown; responses: Record<string, { content: Record<string, { schema: unknown }> }> }>>;
    components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  };
}

describe('createOpenApiDocument', () => {
  it('describes each route from its zod schemas, errors with the one error body, and only staff routes behind the bearer token', () => {
    const document = sampleDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Sample API');
    const read = document.paths['/v1/things/{id}']?.get;
    const write = document.paths['/v1/things/{id}']?.put;
    expect(read?.security).toBeUndefined();
    expect(write?.security).toEqual([{ staffToken: [] }]);
    expect(document.components.securitySchemes).toEqual({ staffToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } });
    expect(read?.parameters).toEqual([
      { in: 'path', name: 'id', required: true, schema: { type: 'string', format: 'uuid' } },
      { in: 'query', name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 10, default: 5 } },
    ]);
    expect(write?.requestBody).toMatchObject({ required: true, content: { 'application/json': { schema: { properties: { name: { type: 'string', maxLength: 20 } } } } } });
    expect(write?.responses['401']?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(Object.keys(document.components.schemas)).toEqual(['Error']);
  });
});

describe('serveOpenApiDocument', () => {
  it('serves the document at /docs/json and as YAML at /docs/yaml', async () => {
    const app = Fastify();
    await serveOpenApiDocument(app, sampleDocument());
    await app.ready();
    const json = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(json.statusCode).toBe(200);
    expect(Object.keys(json.json<{ paths: Record<string, unknown> }>().paths)).toEqual(['/v1/things/{id}']);
    const yaml = await app.inject({ method: 'GET', url: '/docs/yaml' });
    expect(yaml.headers['content-type']).toMatch(/^application\/yaml/);
    expect(yaml.body).toContain('/v1/things/{id}');
    await app.close();
  });
});
