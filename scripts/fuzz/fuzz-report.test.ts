import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countReport } from './fuzz-apis.js';
import { withSeededExamples } from './seed-appeals.js';

const dir = mkdtempSync(path.join(tmpdir(), 'fuzz-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('countReport', () => {
  it('counts every request of every scenario and names each failed check with its status', () => {
    const file = path.join(dir, 'report.ndjson');
    const scenario = (label: string, statuses: number[], failed: number[]) => ({
      ScenarioFinished: {
        recorder: {
          label,
          interactions: Object.fromEntries(statuses.map((status, i) => [`c${i}`, { response: { status_code: status } }])),
          checks: Object.fromEntries(
            statuses.map((_, i) => [`c${i}`, [{ name: 'not_a_server_error', status: failed.includes(i) ? 'failure' : 'success' }]]),
          ),
        },
      },
    });
    const events = [{ Initialize: {} }, scenario('GET /a', [200, 400, 500], [2]), scenario('POST /b', [202], []), { ScenarioFinished: { recorder: { label: 'GET /c' } } }];
    writeFileSync(file, events.map((event) => JSON.stringify(event)).join('\n') + '\n');
    expect(countReport(file)).toEqual({ requests: 4, serverErrors: 1, failures: ['GET /a: not_a_server_error (500)'] });
  });
});

describe('withSeededExamples', () => {
  it('gives the parameters that name an appeal the seeded values as examples, and leaves the rest and the original alone', () => {
    const document = {
      paths: {
        '/v1/appeals/{id}': { get: { parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'integer' } }] } },
        '/v1/staff/appeals/by-number': { get: { parameters: [{ name: 'registrationNumber', in: 'query', schema: { type: 'string' } }] } },
      },
    };
    const seeded = withSeededExamples(document, { appealIds: ['a-1', 'a-2'], registrationNumbers: ['00001/2026'] }) as typeof document & {
      paths: Record<string, { get: { parameters: { schema: Record<string, unknown> }[] } }>;
    };
    expect(seeded.paths['/v1/appeals/{id}']?.get.parameters[0]?.schema).toEqual({ type: 'string', example: 'a-1', examples: ['a-1', 'a-2'] });
    expect(seeded.paths['/v1/appeals/{id}']?.get.parameters[1]?.schema).toEqual({ type: 'integer' });
    expect(seeded.paths['/v1/staff/appeals/by-number']?.get.parameters[0]?.schema).toEqual({ type: 'string', example: '00001/2026', examples: ['00001/2026'] });
    expect(document.paths['/v1/appeals/{id}'].get.parameters[0]?.schema).toEqual({ type: 'string' });
  });
});
