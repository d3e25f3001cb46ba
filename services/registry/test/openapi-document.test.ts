import { describe, it } from 'vitest';
import { startRegistryScenario } from './support/registry-harness.js';

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required: boolean }[];
  responses: Record<string, unknown>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { scheme: string }> };
}

describe('GET /docs/json', () => {
  it('documents every route the registry serves, from the schemas that validate them, the staff routes behind the bearer token', async ({ expect, onTestFinished }) => {
    // The document does not depend on what was consumed, so the consumer is not started.
    const { registry } = await startRegistryScenario(onTestFinished, { start: false });

    const response = await registry.get('/docs/json');

    expect(response.statusCode).toBe(200);
    const document = response.json<OpenApiDocument>();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual([
      '/v1/appeals',
      '/v1/appeals/{id}/history',
      '/v1/appeals/{id}/status',
      '/v1/staff/appeals',
      '/v1/staff/appeals/by-number',
      '/v1/staff/appeals/{id}',
      '/v1/staff/appeals/{id}/read-audit',
      '/v1/staff/units/stats',
    ]);
    for (const [path, operations] of Object.entries(document.paths)) {
      expect(Object.keys(operations), path).toEqual(['get']);
      expect(registry.service.http.hasRoute({ method: 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }), path).toBe(true);
      const operation = operations.get as Operation;
      expect(operation.security !== undefined, path).toBe(path.startsWith('/v1/staff/'));
      expect(Object.keys(operation.responses), path).toContain('400');
    }
    expect(document.components.securitySchemes.staffToken?.scheme).toBe('bearer');
    const search = document.paths['/v1/staff/appeals']?.get?.parameters?.map((parameter) => `${parameter.in} ${parameter.name}`);
    expect(search).toEqual(
      ['unit', 'status', 'topic', 'lawKind', 'complaintUnit', 'channel', 'registrationNumber', 'receivedFrom', 'receivedTo', 'dueFrom', 'dueTo', 'limit', 'cursor'].map((name) => `query ${name}`),
    );
    expect(document.paths['/v1/staff/appeals/by-number']?.get?.parameters).toEqual([expect.objectContaining({ name: 'registrationNumber', in: 'query', required: true })]);
  });
});
