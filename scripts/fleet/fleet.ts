import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { devStaffTokenSecret } from '../auth/dev-secret.js';
import { KURSK_CORPUS } from '../classifier/read-corpus.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The processes of the fleet in start order, each with its default HTTP port and, for those that
 * serve gRPC, its gRPC port. The platform simulator stands in for the Gosuslugi feedback platform,
 * which has no live access here; a deployment points the adapter at the real platform instead.
 */
export const FLEET_SERVICES: readonly { name: ServiceName; port: number; grpcPort?: number; entry: string }[] = [
  { name: 'registry', port: 8082, entry: 'services/registry/src/main.ts' },
  { name: 'router', port: 8081, entry: 'services/router/src/main.ts' },
  { name: 'executor', port: 8083, grpcPort: 8183, entry: 'services/executor/src/main.ts' },
  { name: 'ingest', port: 8080, grpcPort: 8180, entry: 'services/ingest/src/main.ts' },
  { name: 'desk', port: 8084, grpcPort: 8184, entry: 'services/desk/src/main.ts' },
  { name: 'pos-simulator', port: 8095, entry: 'scripts/pos-simulator.ts' },
  { name: 'pos-adapter', port: 8085, entry: 'services/pos-adapter/src/main.ts' },
  { name: 'monitor', port: 8086, grpcPort: 8186, entry: 'services/monitor/src/main.ts' },
  { name: 'notifier', port: 8087, entry: 'services/notifier/src/main.ts' },
  // The staff web console: builds its web application at start when stale, then serves it.
  { name: 'console', port: 8090, entry: 'services/console/src/main.ts' },
];
export type ServiceName = 'registry' | 'router' | 'executor' | 'ingest' | 'desk' | 'pos-simulator' | 'pos-adapter' | 'monitor' | 'notifier' | 'console';

export interface FleetOptions {
  kafkaBrokers: string;
  mongoUrl: string;
  /** HTTP port per service; defaults to the fixed ports of FLEET_SERVICES. */
  ports?: Partial<Record<ServiceName, number>>;
  /** gRPC port per service; when `ports` is given and this is not, free ports are picked. */
  grpcPorts?: Partial<Record<ServiceName, number>>;
  /** Topic prefix and database-name suffix, so a test fleet shares nothing with others. */
  isolation?: { topicPrefix: string; databaseSuffix: string };
  /** Receives every line a service prints. */
  onLine?: (service: ServiceName, line: string) => void;
  /** Told of every exit that neither `kill` nor `stop` asked for (`exited` tells only the first). */
  onExit?: (service: ServiceName, code: number | null) => void;
  extraEnv?: Record<string, string>;
  /** Starts only these processes (a benchmark of one service alone); all of them when absent. */
  only?: readonly ServiceName[];
  readyTimeoutMs?: number;
}

export interface RunningFleet {
  urls: Record<ServiceName, string>;
  /** `host:port` of each gRPC server (ingest's intake API, the desk). */
  grpcAddresses: Partial<Record<ServiceName, string>>;
  /** Sends SIGTERM to every service and waits for each to exit (SIGKILL after a deadline). */
  stop(): Promise<void>;
  /** Resolves with the first service that exits on its own (not by `kill` or `stop`). */
  exited: Promise<{ service: ServiceName; code: number | null }>;
  /** Sends one service a signal and resolves with how it exited; for drills of crashes and shutdowns. */
  kill(service: ServiceName, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Starts a service that `kill` stopped again, with the same environment; resolves when it answers `/readyz`. */
  restart(service: ServiceName): Promise<void>;
  /** CPU time (user and system, ms) each running service has used so far; empty where /proc is not there. */
  cpuMs(): Promise<Partial<Record<ServiceName, number>>>;
}

/** Starts every service as its own process and resolves when each answers `/readyz`. */
export async function startFleet(options: FleetOptions): Promise<RunningFleet> {
  const children = new Map<ServiceName, ChildProcess>();
  const urls = {} as Record<ServiceName, string>;
  let stopping = false;
  let reportExit!: (value: { service: ServiceName; code: number | null }) => void;
  const exited = new Promise<{ service: ServiceName; code: number | null }>((resolve) => (reportExit = resolve));

  const grpcAddresses: Partial<Record<ServiceName, string>> = {};
  /** The last lines each service printed, to say why one died before it was ready. */
  const lastLines = new Map<ServiceName, string[]>();
  for (const { name, port: defaultPort, grpcPort } of FLEET_SERVICES) {
    const port = options.ports?.[name] ?? defaultPort;
    urls[name] = `http://127.0.0.1:${port}`;
    if (grpcPort !== undefined) {
      const chosen = options.grpcPorts?.[name] ?? (options.ports ? await freePort() : grpcPort);
      grpcAddresses[name] = `127.0.0.1:${chosen}`;
    }
  }

  const started = FLEET_SERVICES.filter(({ name }) => options.only?.includes(name) ?? true);
  /** Services stopped on purpose by `kill`: their exit is expected, not reported. */
  const killed = new Set<ServiceName>();
  function spawnService({ name, entry, grpcPort }: (typeof FLEET_SERVICES)[number]): void {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.extraEnv,
      KAFKA_BROKERS: options.kafkaBrokers,
      MONGO_URL: options.mongoUrl,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(new URL(urls[name]).port),
      REGISTRY_URL: urls.registry,
      ROUTER_URL: urls.router,
      EXECUTOR_URL: urls.executor,
      MONITOR_URL: urls.monitor,
      DESK_GRPC_ADDRESS: grpcAddresses.desk ?? '',
      INTAKE_GRPC_ADDRESS: grpcAddresses.ingest ?? '',
      STAFF_TOKEN_SECRET: devStaffTokenSecret(),
      POS_BASE_URL: urls['pos-simulator'],
      POS_SIMULATOR_HOST: '127.0.0.1',
      POS_SIMULATOR_PORT: new URL(urls['pos-simulator']).port,
      // The simulator's own invented client; a deployment sets the platform's real credentials.
      POS_CLIENT_ID: process.env.POS_CLIENT_ID ?? 'priemnaya-city',
      POS_CLIENT_SECRET: process.env.POS_CLIENT_SECRET ?? 'simulator-secret',
      ...(grpcPort !== undefined ? { GRPC_PORT: (grpcAddresses[name] ?? '').split(':')[1] ?? '' } : {}),
      // A city's import of past appeals trains on the shared corpus; it is personal data, never in an image.
      ...(name === 'router' ? { CLASSIFIER_CORPUS: options.extraEnv?.CLASSIFIER_CORPUS ?? process.env.CLASSIFIER_CORPUS ?? KURSK_CORPUS } : {}),
      ...(options.isolation
        ? {
            TOPIC_PREFIX: options.isolation.topicPrefix,
            MONGO_DB: isolatedDatabase(name, options.isolation.databaseSuffix),
            // Consumer groups are the broker's, not the topics': two isolated fleets that shared a
            // group name would rebalance each other's consumers and stall both.
            CONSUMER_GROUP: options.extraEnv?.CONSUMER_GROUP ?? `${options.isolation.topicPrefix}${name}`,
            NOTIFICATIONS_CONSUMER_GROUP: options.extraEnv?.NOTIFICATIONS_CONSUMER_GROUP ?? `${options.isolation.topicPrefix}${name}-notifications`,
          }
        : {}),
    };
    const child = spawn(process.execPath, [...(process.env.PRIEMNAYA_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PRIEMNAYA_PROFILE_DIR}`] : []), '--import', 'tsx', path.join(ROOT, entry)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(name, child);
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          options.onLine?.(name, line);
          const kept = lastLines.get(name) ?? [];
          kept.push(line);
          if (kept.length > LAST_LINES_KEPT) kept.shift();
          lastLines.set(name, kept);
        }
      });
    }
    child.once('exit', (code) => {
      if (stopping || killed.has(name)) return;
      // Now stopped: `restart` may start it again, as an orchestrator would.
      killed.add(name);
      reportExit({ service: name, code });
      options.onExit?.(name, code);
    });
  }
  for (const service of started) spawnService(service);

  async function kill(service: ServiceName, signal: NodeJS.Signals) {
    const child = children.get(service);
    if (!child) throw new Error(`${service} is not part of this fleet`);
    killed.add(service);
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    // 'close', not 'exit': its last lines are read by then.
    const exit = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
    child.kill(signal);
    const [code, exitSignal] = await exit;
    return { code, signal: exitSignal };
  }

  async function restart(service: ServiceName): Promise<void> {
    const entry = started.find(({ name }) => name === service);
    const child = children.get(service);
    if (!entry || !child) throw new Error(`${service} is not part of this fleet`);
    if (child.exitCode === null && child.signalCode === null) throw new Error(`${service} is still running; kill it first`);
    killed.delete(service);
    spawnService(entry);
    await waitUntilReady(urls[service], Date.now() + (options.readyTimeoutMs ?? 90_000), service);
  }

  async function stop(): Promise<void> {
    stopping = true;
    await Promise.all(
      [...children.values()].map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exit = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exit;
        clearTimeout(timer);
      }),
    );
  }

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  const failure = exited.then(({ service, code }) => {
    // Services log ids and codes only, never personal data, so their last lines may be shown.
    const said = (lastLines.get(service) ?? []).join('\n');
    throw new Error(`${service} exited with code ${code} before it was ready${said ? `; its last lines:\n${said}` : ''}`);
  });
  try {
    await Promise.race([
      Promise.all(started.map(({ name }) => waitUntilReady(urls[name], deadline, name))),
      failure,
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  failure.catch(() => {}); // later exits are reported through `exited`
  /** utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms (Linux's USER_HZ of 100). */
  async function cpuMs(): Promise<Partial<Record<ServiceName, number>>> {
    const used: Partial<Record<ServiceName, number>> = {};
    for (const [name, child] of children) {
      if (child.pid === undefined || child.exitCode !== null) continue;
      const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8').catch(() => undefined);
      // The command name (2nd field) is in parentheses and may hold spaces: split after it.
      const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields === undefined) continue;
      used[name] = (Number(fields[11]) + Number(fields[12])) * 10;
    }
    return used;
  }

  return { urls, grpcAddresses, stop, exited, kill, restart, cpuMs };
}

const LAST_LINES_KEPT = 15;

/** The database a service uses in an isolated fleet (tests, benchmarks), to drop afterwards. */
export function isolatedDatabase(service: ServiceName, suffix: string): string {
  return `priemnaya_${service.replace(/-/g, '_')}_${suffix}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, deadline: number, service: string): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service} was not ready at ${url}/readyz in time`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
