import type { PrivateServer } from '@priemnaya/testing';
import type { ServiceName } from '../../fleet/fleet.js';
import { DRILL_SERVICES, sleep, waitForReadiness, type UnderLoad } from './fleet-under-load.js';

/** Services whose `/readyz` depends on the broker or the database (the simulator has neither). */
const PROBED: readonly ServiceName[] = DRILL_SERVICES.filter((name) => name !== 'pos-simulator');

/**
 * Stops a private broker or database under load for `downMs`, says which services' `/readyz`
 * turned 503 while it was down, starts it again and waits until every service is ready.
 */
export async function outage(what: string, server: PrivateServer, downMs: number, { isolated, say }: UnderLoad): Promise<void> {
  say(`stopping the ${what}`);
  await server.stop();
  const turned = await Promise.all(
    PROBED.map(async (service) => ({
      service,
      after: await waitForReadiness(isolated.fleet.urls[service], false, downMs).catch(() => undefined),
    })),
  );
  const notReady = turned.filter(({ after }) => after !== undefined);
  say(`while the ${what} was down, /readyz said 503 for: ${notReady.map(({ service, after }) => `${service} (${((after ?? 0) / 1000).toFixed(1)} s)`).join(', ') || 'none'}`);
  const stayedReady = turned.filter(({ after }) => after === undefined).map(({ service }) => service);
  if (stayedReady.length > 0) say(`still ready after ${downMs / 1000} s without the ${what}: ${stayedReady.join(', ')}`);
  await sleep(Math.max(0, downMs - Math.max(...turned.map(({ after }) => after ?? downMs))));
  say(`starting the ${what} again`);
  await server.start();
  const from = Date.now();
  await Promise.all(PROBED.map((service) => waitForReadiness(isolated.fleet.urls[service], true, 300_000)));
  say(`every service ready again ${((Date.now() - from) / 1000).toFixed(1)} s after the ${what} came back`);
}
