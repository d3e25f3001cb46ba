import type { DeadlineStageAlert } from '@priemnaya/contracts';
import { DEFAULT_POLICY_DATA } from '@priemnaya/deadlines';
import { waitFor } from '@priemnaya/testing';
import { describe, expect, it } from 'vitest';
import { expectedPlan } from './support/expected-plan.js';
import { aReceivedAppeal, aRoutedEvent, minutesAfter, startMonitorScenario, tokenFor } from './support/monitor-harness.js';

const RECEIVED_AT = '2026-11-23T07:00:00.000Z';

describe('topic control.alerts', () => {
  it('when each stage time passes, raises that stage once, at its time, with the stable alert id and no personal data', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const appeal = aReceivedAppeal(RECEIVED_AT);
    const routed = aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1));
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: routed }]);
    await scenario.caughtUp();

    const plan = expectedPlan(appeal, routed);
    expect(plan.map((stage) => stage.stageId)).toEqual(['half-time', 'three-days-left', 'one-day-left', 'overdue']);
    for (const [index, stage] of plan.entries()) {
      scenario.clock.set(minutesAfter(stage.fireAt, -1));
      await monitor.tick();
      scenario.clock.set(minutesAfter(stage.fireAt, 2));
      expect((await monitor.tick()).fired).toBe(1);
      expect((await monitor.tick()).fired).toBe(0);
      await scenario.alerts.readToEnd();
      const raised = scenario.alerts.messages.map((message) => message.value as DeadlineStageAlert);
      expect(raised.map((alert) => alert.stageId)).toEqual(plan.slice(0, index + 1).map((planned) => planned.stageId));
    }
    const raised = scenario.alerts.messages.map((message) => message.value as DeadlineStageAlert);
    expect(raised.map((alert) => alert.alertId)).toEqual(plan.map((stage) => stage.alertId));
    for (const [index, alert] of raised.entries()) {
      expect(alert).toMatchObject({ appealId: appeal.appealId, registrationNumber: appeal.registrationNumber, unit: 'zhkh', fireAt: plan[index]?.fireAt });
      // Raised within the tick after the stage's minute closed.
      expect(Date.parse(alert.raisedAt) - Date.parse(alert.fireAt)).toBeLessThanOrEqual(3 * 60_000);
    }
    const text = JSON.stringify(scenario.alerts.messages);
    expect(text).not.toContain('Иванова');
    expect(text).not.toContain('example.org');
    expect(text).not.toContain('фонарь');
  });

  it('when the monitor restarts between stages, the next stage fires once and the earlier ones never again', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const first = await scenario.startMonitor();
    const appeal = aReceivedAppeal(RECEIVED_AT);
    const routed = aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1));
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }, { topic: 'appeals.events', payload: routed }]);
    await scenario.caughtUp();
    const plan = expectedPlan(appeal, routed);
    scenario.clock.set(minutesAfter(plan[0]?.fireAt ?? '', 2));
    expect((await first.tick()).fired).toBe(1);
    await first.http.close();
    await first.stop();

    const second = await scenario.startMonitor();
    await second.tick();
    scenario.clock.set(minutesAfter(plan[1]?.fireAt ?? '', 2));
    expect((await second.tick()).fired).toBe(1);
    await scenario.alerts.readToEnd();
    expect(scenario.alerts.messages.map((message) => (message.value as DeadlineStageAlert).stageId)).toEqual(['half-time', 'three-days-left']);
  });

  it('when events arrive out of order, twice, or for an appeal never registered, raises only the right stages, once each', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const appeal = aReceivedAppeal(RECEIVED_AT);
    const routed = aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1));
    const stranger = aReceivedAppeal(RECEIVED_AT);
    // The routing before the appeal, both twice, and a routing of an appeal the monitor never hears of.
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: routed }, { topic: 'appeals.events', payload: routed }]);
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: aRoutedEvent(stranger, 'roads', minutesAfter(RECEIVED_AT, 1)) }]);
    await scenario.caughtUp();
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }, { topic: 'appeals.received', payload: appeal }]);
    await scenario.caughtUp();

    const plan = expectedPlan(appeal, routed);
    scenario.clock.set(minutesAfter(plan.at(-1)?.fireAt ?? '', 2));
    await monitor.tick();
    await monitor.tick();
    await scenario.alerts.readToEnd();
    const raised = scenario.alerts.messages.map((message) => message.value as DeadlineStageAlert);
    expect(raised.map((alert) => alert.alertId).sort()).toEqual(plan.map((stage) => stage.alertId).sort());
    expect(raised.every((alert) => alert.appealId === appeal.appealId && alert.unit === 'zhkh')).toBe(true);
  });
});

describe('PUT /v1/deadline-policies', () => {
  it('when a stage is removed from the policy, re-plans open clocks and the stage is withdrawn, not fired', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const appeal = aReceivedAppeal(RECEIVED_AT);
    const routed = aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1));
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }, { topic: 'appeals.events', payload: routed }]);
    await scenario.caughtUp();
    const plan = expectedPlan(appeal, routed);

    const administrator = { authorization: `Bearer ${await tokenFor({ staffId: 'a-1', role: 'administrator', units: [] })}` };
    const invalid = await monitor.http.inject({ method: 'PUT', url: '/v1/deadline-policies', headers: administrator, payload: { policies: [] } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json<{ message: string }>().message).toContain('policies');

    const data = structuredClone(DEFAULT_POLICY_DATA) as { policies: { id: string; stages: { id: string }[] }[] };
    for (const policy of data.policies) policy.stages = policy.stages.filter((stage) => stage.id !== 'half-time');
    const changed = await monitor.http.inject({ method: 'PUT', url: '/v1/deadline-policies', headers: administrator, payload: data });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<{ replanned: number }>().replanned).toBe(1);

    scenario.clock.set(minutesAfter(plan[1]?.fireAt ?? '', 2));
    await monitor.tick();
    await scenario.alerts.readToEnd();
    await waitFor(() => scenario.alerts.messages.length > 0);
    expect(scenario.alerts.messages.map((message) => (message.value as DeadlineStageAlert).stageId)).toEqual(['three-days-left']);
  });
});
