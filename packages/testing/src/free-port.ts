import { createServer, type Server } from 'node:net';

/**
 * Listening ports are taken below Linux's ephemeral range (32768-60999): a port the system hands
 * out for `listen(0)` comes from that range, and so do the source ports of outgoing connections,
 * so one chosen that way and released can be taken by any Kafka or database connection before the
 * service listens on it (seen as EADDRINUSE when fleets started side by side).
 */
const FIRST = 20_000;
const LAST = 32_767;

function tryListen(server: Server, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
}

/**
 * Distinct TCP ports on loopback that nothing listens on right now. All are held at once while
 * they are chosen, so no two of them can be the same.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let attempt = 0; ports.length < count; attempt++) {
      if (attempt > 1_000 + count * 10) throw new Error(`no ${count} free ports between ${FIRST} and ${LAST}`);
      const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
      if (ports.includes(port)) continue;
      const server = createServer();
      if (await tryListen(server, port)) {
        servers.push(server);
        ports.push(port);
      }
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** One free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  if (port === undefined) throw new Error('no free port');
  return port;
}
