import { createTeardown, startPrivateDatabase, startPrivateKafka, testInfra } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceName } from '../scripts/fleet/fleet.js';
import { startIsolatedFleet } from '../scripts/fleet/isolated-fleet.js';
import { formatTally } from '../scripts/drills/support/appeal-tally.js';
import { runFleetUnderLoad, sleep, waitForReadiness } from '../scripts/drills/support/fleet-under-load.js';

/** The services on the appeal's path that take work: each is stopped with SIGTERM in turn. */
const TERMINATED: readonly ServiceName[] = ['router', 'executor', 'registry', 'ingest'];

/**
 * SIGTERM is how a deployment stops a service (a rollout, a scale-down). The service stops taking
 * requests, finishes those in flight, stops consuming and commits what it handled, and exits 0;
 * past its shutdown deadline (15 s, packages/lifecycle) it would exit 1, so the exit code is the
 * bound. Whatever was in flight is finished or left uncommitted for the next consumer: every
 * acknowledged appeal is routed once and becomes one task ("doubled" is defined in appeal-tally).
 */
describe('graceful shutdown of the fleet under load', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run(), 120_000);

  it('when router, executor, registry and ingest are each sent SIGTERM and restarted under a steady load, each exits 0 and every acknowledged appeal is routed and delivered once', async () => {
    const exits: { service: ServiceName; code: number | null; signal: NodeJS.Signals | null }[] = [];
    const result = await runFleetUnderLoad({
      label: 'sigterm',
      perSecond: 3,
      loadSeconds: 40,
      infra: testInfra(),
      // The monitor is not stopped here; its alerts are the drills' to count.
      alerts: false,
      say: (line) => console.info(`[graceful-shutdown] ${line}`),
      async disrupt({ isolated, say, lastLines }) {
        for (const service of TERMINATED) {
          const exit = await isolated.fleet.kill(service, 'SIGTERM');
          exits.push({ service, ...exit });
          say(`${service} exited with code ${exit.code} after SIGTERM; restarting it`);
          if (exit.code !== 0) say(`${service}'s last lines:\n${lastLines(service).join('\n')}`);
          await isolated.fleet.restart(service);
          await sleep(3_000);
        }
      },
    });
    console.info(`[figure] graceful shutdown: ${formatTally(result.tally)}; retried attempts ${result.load.retries}`);
    expect(exits).toEqual(TERMINATED.map((service) => ({ service, code: 0, signal: null })));
    // Every appeal sent was acknowledged at last (retried with its key while ingest restarted)...
    expect(result.load.unacknowledged).toBe(0);
    expect(result.tally.acknowledged).toBe(result.load.sent);
    // ...and none of them is missing or doubled anywhere.
    expect(result.problems).toEqual([]);
    expect(result.tally.routed).toBe(result.tally.acknowledged);
  }, 900_000);

  it('/readyz answers 503 while the database or the broker is gone and 200 once it is back, and /healthz stays 200', async () => {
    const shared = testInfra();
    const database = teardown.add(await startPrivateDatabase(), (it) => it.remove());
    const kafka = teardown.add(await startPrivateKafka(), (it) => it.remove());
    const services: ServiceName[] = ['registry', 'router', 'executor', 'ingest'];
    // A service whose Kafka client gives up while the broker is gone stops itself (exit 1) for its
    // orchestrator to start again, as the router does after a long enough outage; the test starts
    // it again the same way once the broker is back, and it must then be ready like the others.
    const exitedByThemselves = new Map<ServiceName, number | null>();
    const isolated = teardown.add(
      await startIsolatedFleet('readyz', {
        infra: { ...shared, kafkaBrokers: kafka.brokers, mongoUrl: database.mongoUrl, replicationFactor: 1 },
        only: services,
        readyTimeoutMs: 180_000,
        onExit: (service, code) => exitedByThemselves.set(service, code),
      }),
      (it) => it.dispose(),
    );
    const { urls } = isolated.fleet;

    // Every service checks its database. Of the broker, only those whose consumer group must be
    // joined: the router's exactly-once consumer still says healthy while the client retries a
    // broker that is gone, and ingest (a producer) checks no broker at all, yet.
    const dependsOn = { database: services, broker: ['registry', 'executor'] as ServiceName[] };
    for (const [what, server] of [['database', database], ['broker', kafka]] as const) {
      await server.stop();
      for (const service of dependsOn[what]) {
        await waitForReadiness(urls[service], false, 120_000).catch((error: unknown) => {
          throw new Error(`${service} without its ${what}: ${String(error)}`);
        });
        expect((await fetch(`${urls[service]}/healthz`)).status).toBe(200);
      }
      await server.start();
      for (const [service, code] of exitedByThemselves) {
        // Stopped on purpose, not crashed: the fatal path's exit code.
        expect(code, `${service} stopped itself while the ${what} was gone`).toBe(1);
        await isolated.fleet.restart(service);
      }
      exitedByThemselves.clear();
      for (const service of services) await waitForReadiness(urls[service], true, 300_000);
    }
  }, 900_000);
});
