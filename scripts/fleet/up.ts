/**
 * `./scripts/dev up`: runs the whole fleet in the foreground against the infrastructure in
 * KAFKA_BROKERS and MONGO_URL; Ctrl-C stops every service it started.
 */
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FLEET_SERVICES, startFleet, type ServiceName } from './fleet.js';

const COLOURS: Record<ServiceName, number> = { ingest: 36, router: 35, registry: 33, executor: 32, desk: 34, 'pos-adapter': 31, 'pos-simulator': 90, monitor: 93, notifier: 96, console: 94 };
const width = Math.max(...FLEET_SERVICES.map((s) => s.name.length));

function printLine(service: ServiceName, line: string): void {
  let text = line;
  try {
    const entry = JSON.parse(line) as { level?: string; msg?: string; [key: string]: unknown };
    const { level, msg, time: _time, service: _service, pid: _pid, hostname: _hostname, ...rest } = entry;
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    text = `${(level ?? '').padEnd(5)} ${msg ?? ''}${extra}`;
  } catch {
    // not a JSON log line: print it as it is
  }
  const prefix = process.stdout.isTTY ? `\x1b[${COLOURS[service]}m${service.padEnd(width)}\x1b[0m` : service.padEnd(width);
  process.stdout.write(`${prefix} | ${text}\n`);
}

const kafkaBrokers = process.env.KAFKA_BROKERS;
const mongoUrl = process.env.MONGO_URL;
if (!kafkaBrokers || !mongoUrl) {
  process.stderr.write('KAFKA_BROKERS and MONGO_URL must be set; run this through ./scripts/dev up\n');
  process.exit(2);
}

// A port held by an earlier run (or anything else) is reported, not clashed with: a leftover
// service would otherwise answer the readiness probes of the new one.
const taken = (await Promise.all(FLEET_SERVICES.map(async (s) => ((await isListening(s.port)) || (s.grpcPort !== undefined && (await isListening(s.grpcPort))) ? s : undefined)))).filter(
  (s) => s !== undefined,
);
if (taken.length > 0) {
  for (const s of taken) process.stderr.write(`port ${s.port} (${s.name}) is already taken: is another ./scripts/dev up running? (ss -ltnp 'sport = :${s.port}')\n`);
  process.exit(1);
}

const started = performance.now();
const fleet = await startFleet({ kafkaBrokers, mongoUrl, onLine: printLine }).catch((error: unknown) => {
  process.stderr.write(`the fleet did not start: ${(error as Error).message}\n`);
  process.exit(1);
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);

process.stdout.write(`
Priemnaya is up (every service ready in ${seconds} s):
  staff console            ${fleet.urls.console}/ (sign in with ./scripts/dev token <role> [units])
  site form API (public)   ${fleet.urls.ingest}/v1/appeals
  router (health)          ${fleet.urls.router}/readyz
  registry                 ${fleet.urls.registry}/v1/appeals/{id}/status
  executor                 ${fleet.urls.executor}/v1/units/{unit}/tasks
  API reference            ${fleet.urls.ingest}/docs
  Open311 GeoReport v2     ${fleet.urls.ingest}/open311/v2/services.json
  chat widget webhook      ${fleet.urls.ingest}/v1/chat/messages
  intake gRPC              ${fleet.grpcAddresses.ingest ?? ''}
  desk gRPC                ${fleet.grpcAddresses.desk ?? ''}
  platform simulator       ${fleet.urls['pos-simulator']} (the adapter polls it)
  deadline alerts          ${fleet.urls.monitor}/v1/alerts/stream (SSE), gRPC ${fleet.grpcAddresses.monitor ?? ''}
  Kafka ${kafkaBrokers}   database ${withoutCredentials(mongoUrl)}
Press Ctrl-C to stop.
`);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping every service...\n`);
  await fleet.stop();
  process.stdout.write('stopped.\n');
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

const { service, code } = await fleet.exited;
if (!stopping) {
  process.stderr.write(`${service} exited with code ${code}; stopping the rest\n`);
  await fleet.stop();
  process.exit(1);
}

function withoutCredentials(url: string): string {
  return url.replace(/(:\/\/)[^/@]*@/, '$1***@');
}

function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
