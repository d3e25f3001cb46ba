import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzApis, type FuzzOutcome } from '../scripts/fuzz/fuzz-apis.js';

/**
 * A short Schemathesis pass over the OpenAPI documents of the public and the staff APIs, on a
 * fleet of its own: no generated request, valid or not, gets a 5xx or an answer off its schema.
 * The long run is `scripts/fuzz/schemathesis.sh`, which prints the figures.
 */
describe('the HTTP edge under generated requests', () => {
  let outcomes: FuzzOutcome[] = [];
  let serviceErrors: string[] = [];
  const reportDir = mkdtempSync(path.join(tmpdir(), 'fuzz-edge-'));
  const logs: string[] = [];

  beforeAll(async () => {
    // Installs Schemathesis from PyPI into the tools cache the first time (a minute or two).
    const schemathesis = execFileSync('bash', [path.resolve('scripts/fuzz/install-schemathesis.sh')], { encoding: 'utf8' }).trim();
    ({ outcomes, serviceErrors } = await fuzzApis({ schemathesis, maxExamples: 8, phases: 'examples,fuzzing', seed: 20_261_123, reportDir, onLine: (api, line) => logs.push(`[${api}] ${line}`) }));
  }, 600_000);

  afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

  it('sends requests to every API; none gets a server error or an answer off its schema, and no service logs an error', () => {
    expect(outcomes.map((outcome) => outcome.api)).toEqual(['ingest (public)', 'router', 'router triage', 'executor (supervisor)', 'executor (executor)', 'monitor', 'monitor digests', 'registry', 'registry (supervisor)']);
    for (const outcome of outcomes) {
      expect(outcome.requests, outcome.api).toBeGreaterThan(0);
      expect(outcome.failures, `${outcome.api}:\n${logs.filter((line) => line.startsWith(`[${outcome.api}]`)).slice(-40).join('\n')}`).toEqual([]);
      expect(outcome.serverErrors, outcome.api).toBe(0);
      expect(outcome.exitCode, outcome.api).toBe(0);
    }
    expect(serviceErrors).toEqual([]);
  });
});
