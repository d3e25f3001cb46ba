import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createStaffTokens, type StaffRole } from '@priemnaya/auth';
import { SAMPLE_UNITS } from '@priemnaya/reference-data';
import { FAKE_BOT_TOKEN, startFakeTelegramApi } from '../../services/ingest/test/support/fake-telegram-api.js';
import { devStaffTokenSecret } from '../auth/dev-secret.js';
import type { ServiceName } from '../fleet/fleet.js';
import { startIsolatedFleet } from '../fleet/isolated-fleet.js';
import { seedAppeals, withSeededExamples } from './seed-appeals.js';

/** An HTTP API of the fleet with an OpenAPI document, and the staff role its token carries. */
export interface FuzzedApi {
  name: string;
  service: ServiceName;
  /** Where the service serves its OpenAPI document as JSON. */
  documentPath: string;
  /** Staff APIs need a bearer token (for every sample unit); the public API takes none. */
  role?: StaffRole;
  /** Only these operations, by path regex: each role's own part of an API. */
  includePath?: string;
  /** Operations left out, by path regex: a server-sent event stream never ends, so it cannot be fuzzed by request. */
  excludePath?: string;
}

/** The Telegram webhook's secret in the fuzzing fleet; the bot's replies go to a local fake Bot API. */
const WEBHOOK_SECRET = 'fuzzing-telegram-webhook-secret';

export const FUZZED_APIS: readonly FuzzedApi[] = [
  { name: 'ingest (public)', service: 'ingest', documentPath: '/docs/json' },
  { name: 'router', service: 'router', documentPath: '/docs/json', role: 'administrator', excludePath: '^/v1/triage' },
  { name: 'router triage', service: 'router', documentPath: '/docs/json', role: 'intake-operator', includePath: '^/v1/triage' },
  { name: 'executor (supervisor)', service: 'executor', documentPath: '/docs/json', role: 'supervisor', excludePath: '/stream$' },
  { name: 'executor (executor)', service: 'executor', documentPath: '/docs/json', role: 'executor', includePath: '/tasks', excludePath: '/stream$' },
  { name: 'monitor', service: 'monitor', documentPath: '/docs/json', role: 'administrator', excludePath: '^/v1/(alerts|digests)' },
  { name: 'monitor digests', service: 'monitor', documentPath: '/docs/json', role: 'supervisor', includePath: '^/v1/digests' },
  { name: 'registry', service: 'registry', documentPath: '/docs/json', role: 'administrator' },
  { name: 'registry (supervisor)', service: 'registry', documentPath: '/docs/json', role: 'supervisor', includePath: '^/v1/staff' },
];

export interface FuzzOutcome {
  api: string;
  /** Requests schemathesis sent, as its report counts them. */
  requests: number;
  /** Operations where a check failed, each with what failed. */
  failures: string[];
  /** Answers 500-599 among the failures. */
  serverErrors: number;
  exitCode: number | null;
  reportFile: string;
}

export interface FuzzRun {
  outcomes: FuzzOutcome[];
  /** Lines the services logged at level error or fatal while they were fuzzed (services log no personal data). */
  serviceErrors: string[];
}

export interface FuzzOptions {
  schemathesis: string;
  maxExamples: number;
  reportDir: string;
  seed?: number;
  /** Schemathesis's phases; the examples, the coverage of each schema's edges, and random fuzzing by default. */
  phases?: string;
  apis?: readonly FuzzedApi[];
  /** Every line schemathesis prints, for progress. */
  onLine?: (api: string, line: string) => void;
}

/**
 * Starts a fleet of its own (topics, databases and ports nobody else uses), runs schemathesis
 * against each API's OpenAPI document with the checks that no answer is a 5xx and that answers
 * match the schemas the document gives, and stops and removes the fleet.
 */
export async function fuzzApis(options: FuzzOptions): Promise<FuzzRun> {
  const apis = options.apis ?? FUZZED_APIS;
  const serviceErrors: string[] = [];
  const telegram = await startFakeTelegramApi();
  const isolated = await startIsolatedFleet('fuzz', {
    // The services fuzzed, and the registry, which ingest asks for an appeal's status.
    only: [...new Set<ServiceName>(['registry', ...apis.map((api) => api.service)])],
    // On a busy machine the whole fleet may take a while to start.
    readyTimeoutMs: 240_000,
    // A 4xx answer may still have left a consumer or a later step failing: pino's error and fatal lines tell.
    onLine: (service, line) => {
      // kafkajs logs its own retried broker hiccups (a timeout on a busy shared broker, a topic just
      // created) at error level; a request they made fail shows up as a 5xx anyway.
      if (/"level":"(error|fatal)"/.test(line) && !line.includes('"logger":"kafkajs"')) serviceErrors.push(`${service}: ${line.slice(0, 500)}`);
    },
    extraEnv: {
      // The fuzzer is one client sending thousands of requests a minute; the limit would hide the routes.
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOG_LEVEL: 'warn',
      TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_BASE_URL: telegram.baseUrl,
    },
  }).catch(async (error: unknown) => {
    await telegram.close();
    throw error;
  });
  const tokens = createStaffTokens(devStaffTokenSecret());
  const units = SAMPLE_UNITS.map((unit) => unit.code);
  try {
    const outcomes: FuzzOutcome[] = [];
    mkdirSync(options.reportDir, { recursive: true });
    const seeds = apis.some((api) => api.service === 'ingest')
      ? await seedAppeals({ ingest: isolated.fleet.urls.ingest, registry: isolated.fleet.urls.registry })
      : { appealIds: [], registrationNumbers: [] };
    for (const api of apis) {
      const base = isolated.fleet.urls[api.service];
      const token = api.role ? await tokens.issue({ staffId: `fuzz-${api.role}`, role: api.role, units: api.role === 'executor' ? ['zhkh'] : units }) : undefined;
      const fileName = api.name.replace(/\W+/g, '-');
      const reportFile = path.join(options.reportDir, `${fileName}.ndjson`);
      const document = (await (await fetch(`${base}${api.documentPath}`)).json()) as Record<string, unknown>;
      const location = path.join(options.reportDir, `${fileName}.openapi.json`);
      writeFileSync(location, JSON.stringify(withSeededExamples(document, seeds)));
      const exitCode = await runSchemathesis(options, api.name, [
        'run',
        location,
        '--url',
        base,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '--max-examples',
        String(options.maxExamples),
        '--workers',
        '1',
        '--phases',
        options.phases ?? 'examples,coverage,fuzzing',
        '--suppress-health-check',
        'all',
        '--request-timeout',
        '20',
        '--report',
        'ndjson',
        '--report-ndjson-path',
        reportFile,
        ...(options.seed !== undefined ? ['--seed', String(options.seed)] : []),
        ...(api.includePath ? ['--include-path-regex', api.includePath] : []),
        ...(api.excludePath ? ['--exclude-path-regex', api.excludePath] : []),
        ...(token ? ['--header', `Authorization: Bearer ${token}`] : ['--header', `X-Telegram-Bot-Api-Secret-Token: ${WEBHOOK_SECRET}`]),
      ]);
      outcomes.push({ api: api.name, exitCode, reportFile, ...countReport(reportFile) });
    }
    // A copy taken before the fleet stops: what a service logs while it shuts down is not the fuzzing's.
    return { outcomes, serviceErrors: [...serviceErrors] };
  } finally {
    await isolated.dispose();
    await telegram.close();
  }
}

function runSchemathesis(options: FuzzOptions, api: string, args: string[]): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.schemathesis, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', COLUMNS: '120' },
    });
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) options.onLine?.(api, line);
      });
    }
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

/** Counts the requests and the failed checks in schemathesis's NDJSON event stream. */
export function countReport(file: string): Pick<FuzzOutcome, 'requests' | 'failures' | 'serverErrors'> {
  let requests = 0;
  let serverErrors = 0;
  const failures = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as Record<string, unknown>;
    const scenario = event.ScenarioFinished as { recorder?: Recorder } | undefined;
    if (!scenario?.recorder) continue;
    const recorder = scenario.recorder;
    requests += Object.keys(recorder.interactions ?? {}).length;
    for (const [caseId, checks] of Object.entries(recorder.checks ?? {})) {
      for (const check of checks) {
        if (check.status.toLowerCase() !== 'failure') continue;
        const status = recorder.interactions?.[caseId]?.response?.status_code;
        if (status !== undefined && status >= 500) serverErrors += 1;
        failures.add(`${recorder.label ?? '?'}: ${check.name} (${status ?? 'no answer'})`);
      }
    }
  }
  return { requests, serverErrors, failures: [...failures] };
}

interface Recorder {
  label?: string;
  interactions?: Record<string, { response?: { status_code?: number } }>;
  checks?: Record<string, { name: string; status: string }[]>;
}
