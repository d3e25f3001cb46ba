/**
 * `scripts/fuzz/schemathesis.sh [max-examples] [api...]`: fuzzes the fleet's HTTP APIs through
 * their OpenAPI documents on a fleet of its own and prints, per API, the requests sent and the
 * checks that failed (5xx answers, answers off their schema). Exits non-zero on any failure.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUZZED_APIS, fuzzApis } from './fuzz-apis.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const [schemathesis, maxExamplesArg = '50', ...only] = process.argv.slice(2);
const maxExamples = Number(maxExamplesArg);
if (!schemathesis || !Number.isInteger(maxExamples) || maxExamples < 1) {
  process.stderr.write('usage: scripts/fuzz/schemathesis.sh [max-examples] [service...]\n');
  process.exit(2);
}
const apis = only.length > 0 ? FUZZED_APIS.filter((api) => only.includes(api.service)) : FUZZED_APIS;
const reportDir = path.join(process.env.PRIEMNAYA_CACHE ?? path.join(ROOT, '.cache'), 'fuzz');
const started = Date.now();
const { outcomes, serviceErrors } = await fuzzApis({
  schemathesis,
  maxExamples,
  reportDir,
  apis,
  onLine: (api, line) => process.stderr.write(`[${api}] ${line}\n`),
});
process.stdout.write(`\nschemathesis, ${maxExamples} examples per operation, ${Math.round((Date.now() - started) / 1000)} s:\n`);
for (const outcome of outcomes) {
  process.stdout.write(`${outcome.api.padEnd(20)} ${String(outcome.requests).padStart(7)} requests  ${outcome.serverErrors} server errors  ${outcome.failures.length} failed checks\n`);
  for (const failure of outcome.failures) process.stdout.write(`    ${failure}\n`);
}
const total = outcomes.reduce((sum, outcome) => sum + outcome.requests, 0);
const failed = outcomes.reduce((sum, outcome) => sum + outcome.failures.length, 0);
process.stdout.write(`total                ${String(total).padStart(7)} requests  ${failed} failed checks (reports in ${reportDir})\n`);
process.stdout.write(`errors the services logged meanwhile: ${serviceErrors.length}\n`);
for (const line of serviceErrors.slice(0, 20)) process.stdout.write(`    ${line}\n`);
process.exit(failed > 0 || serviceErrors.length > 0 ? 1 : 0);
