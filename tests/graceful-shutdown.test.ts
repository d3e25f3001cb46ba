import { createTeardown, testInfra } from '@priemnaya/testing';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceName } from '../scripts/fleet/fleet.js';
import { formatTally } from '../scripts/drills/support/appeal-tally.js';
import { runFleetUnderLoad, sleep } from '../scripts/drills/support/fleet-under-load.js';

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
});
