import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('../../../../scripts/infra/kafka-instance.sh', import.meta.url));

export interface PrivateKafka {
  brokers: string[];
  /** Stops the broker; resolves once its ports are closed. */
  stop(): Promise<void>;
  /** Starts it again from the same directory (same data, same cluster id); resolves once it is ready. */
  start(): Promise<void>;
  /** Stops it and deletes its directory. */
  remove(): Promise<void>;
}

/** A broker of the test's own, which it may stop and restart without disturbing other tests. */
export async function startPrivateKafka(): Promise<PrivateKafka> {
  const dir = await mkdtemp(join(tmpdir(), 'priemnaya-kafka-'));
  const [port, controllerPort] = await freePorts(2);
  const script = async (...args: string[]) => {
    try {
      return (await run(SCRIPT, args, { maxBuffer: 10 * 1024 * 1024 })).stdout;
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(`kafka-instance.sh ${args.join(' ')} failed:\n${stderr ?? String(error)}`);
    }
  };
  const start = async () => {
    const stdout = await script('start', dir, String(port), String(controllerPort));
    if (!stdout.includes(`KAFKA_BROKERS=127.0.0.1:${port}`)) throw new Error(`kafka-instance.sh start printed ${stdout}`);
  };
  const stop = async () => {
    await script('stop', dir);
  };
  try {
    await start();
  } catch (error) {
    await stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    brokers: [`127.0.0.1:${port}`],
    start,
    stop,
    async remove() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Ports nothing listens on now: the system picks them, all held at once so they differ. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
