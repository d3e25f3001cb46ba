import type { ControlAlert } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { expectedPlan } from '../services/monitor/test/support/expected-plan.js';
import { aReceivedAppeal, aRoutedEvent, CLAIM_LEASE_MS, minutesAfter, startMonitorScenario } from '../services/monitor/test/support/monitor-harness.js';

const RECEIVED_AT = '2026-11-23T07:00:00.000Z';

class Crash extends Error {}

/** Fails the first time, as a process killed at that point would stop there. */
function crashOnce(): () => void {
  let crashed = false;
  return () => {
    if (crashed) return;
    crashed = true;
    throw new Crash('killed mid-firing');
  };
}

describe('topic control.alerts after a crash mid-firing', () => {
  for (const point of ['afterClaim', 'afterPublish'] as const) {
    it(`when the monitor dies ${point === 'afterClaim' ? 'after recording the claim, before producing' : 'after producing, before recording'}, the next monitor gives each alert exactly once to a consumer that dedupes by alert id`, async ({ onTestFinished }) => {
      const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
      const dying = await scenario.startMonitor({ faults: { [point]: crashOnce() } });
      const appeal = aReceivedAppeal(RECEIVED_AT);
      const routed = aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1));
      await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }, { topic: 'appeals.events', payload: routed }]);
      await scenario.caughtUp();
      const plan = expectedPlan(appeal, routed);

      scenario.clock.set(minutesAfter(plan[1]?.fireAt ?? '', 2));
      await expect(dying.tick()).rejects.toBeInstanceOf(Crash);
      await dying.http.close();
      await dying.stop();

      // The tick claims every due stage in one batch, so the crash left both claimed. A new
      // process leaves them to the dead one while its lease runs, then takes them over.
      const next = await scenario.startMonitor();
      expect(await next.tick()).toMatchObject({ fired: 0, pending: 2 });
      scenario.clock.advance(CLAIM_LEASE_MS);
      expect(await next.tick()).toMatchObject({ fired: 2, pending: 0 });
      expect((await next.tick()).fired).toBe(0);
      scenario.clock.set(minutesAfter(plan.at(-1)?.fireAt ?? '', 2));
      await next.tick();
      await scenario.alerts.readToEnd();

      const distinct = scenario.distinctAlerts();
      expect(distinct.map((alert) => alert.alertId).sort()).toEqual(plan.map((stage) => stage.alertId).sort());
      const copies = scenario.alerts.messages.length;
      // Produced twice only when Kafka had it before the crash: the same payload under the same id.
      if (point === 'afterClaim') expect(copies).toBe(plan.length);
      else {
        // Both stages of the batch had reached Kafka.
        expect(copies).toBe(plan.length + 2);
        const byId = new Map<string, string[]>();
        for (const message of scenario.alerts.messages) {
          const alert = message.value as ControlAlert;
          byId.set(alert.alertId, [...(byId.get(alert.alertId) ?? []), JSON.stringify(alert)]);
        }
        for (const payloads of byId.values()) expect(new Set(payloads).size).toBe(1);
      }
    });
  }
});
