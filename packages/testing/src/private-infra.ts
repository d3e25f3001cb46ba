import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePorts } from './free-port.js';

const run = promisify(execFile);
const INFRA = fileURLToPath(new URL('../../../scripts/infra/', import.meta.url));

/** A broker or database of a test's own, which it may stop and restart without disturbing others. */
export interface PrivateServer {
  /** Its directory (data, log, pid). */
  dir: string;
  /** Stops it; resolves once it no longer listens. */
  stop(): Promise<void>;
  /** Starts it again from the same directory (same data); resolves once it is ready. */
  start(): Promise<void>;
  /**
   * Pauses the process (SIGSTOP): it keeps its port and the kernel still accepts connections, but
   * nothing is ever answered, as a server that hangs. `thaw` resumes it (SIGCONT).
   */
  freeze(): Promise<void>;
  thaw(): Promise<void>;
  /** Kills the process with SIGKILL (no chance to flush or close anything); `start` starts it again. */
  kill(): Promise<void>;
  /** Stops it and deletes its directory. */
  remove(): Promise<void>;
}

export interface PrivateKafka extends PrivateServer {
  brokers: string[];
}

export interface PrivateDatabase extends PrivateServer {
  mongoUrl: string;
}

/** A single-node Kafka broker of the test's own (scripts/infra/kafka-instance.sh). */
export async function startPrivateKafka(): Promise<PrivateKafka> {
  const [port, controllerPort] = await freePorts(2);
  const server = await startPrivate('kafka-instance.sh', 'kafka', 'priemnaya-kafka-', [String(port), String(controllerPort)], `KAFKA_BROKERS=127.0.0.1:${port}`);
  return { ...server, brokers: [`127.0.0.1:${port}`] };
}

/** A FerretDB of the test's own (scripts/infra/ferretdb-instance.sh). */
export async function startPrivateDatabase(): Promise<PrivateDatabase> {
  const [port] = await freePorts(1);
  const mongoUrl = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  const server = await startPrivate('ferretdb-instance.sh', 'ferretdb', 'priemnaya-ferretdb-', [String(port)], `MONGO_URL=${mongoUrl}`);
  return { ...server, mongoUrl };
}

async function startPrivate(script: string, name: string, dirPrefix: string, ports: string[], readyLine: string): Promise<PrivateServer> {
  const dir = await mkdtemp(join(tmpdir(), dirPrefix));
  const call = async (...args: string[]) => {
    try {
      return (await run(join(INFRA, script), args, { maxBuffer: 10 * 1024 * 1024 })).stdout;
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`${script} ${args.join(' ')} failed:\n${stderr ?? String(error)}`);
    }
  };
  const start = async () => {
    const stdout = await call('start', dir, ...ports);
    if (!stdout.includes(readyLine)) throw new Error(`${script} start printed ${stdout}`);
  };
  const stop = async () => {
    await call('stop', dir);
  };
  // The instance scripts write the server's own pid (it execs the server) to <dir>/<name>.pid.
  const signal = async (sig: NodeJS.Signals) => {
    const pid = Number((await readFile(join(dir, `${name}.pid`), 'utf8')).trim());
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`${dir}/${name}.pid holds no pid`);
    process.kill(pid, sig);
    return pid;
  };
  const kill = async () => {
    const pid = await signal('SIGCONT').catch(() => undefined);
    if (pid === undefined) return;
    process.kill(pid, 'SIGKILL');
    for (let waited = 0; waited < 10_000; waited += 50) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${name} (pid ${pid}) still alive 10 s after SIGKILL`);
  };
  try {
    await start();
  } catch (error) {
    await stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    start,
    stop,
    freeze: async () => void (await signal('SIGSTOP')),
    thaw: async () => void (await signal('SIGCONT')),
    kill,
    async remove() {
      // A frozen server would not answer the SIGTERM of stop.
      await signal('SIGCONT').catch(() => undefined);
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
