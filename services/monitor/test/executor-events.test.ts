import type { DeadlineStageAlert } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { expectedPlan } from './support/expected-plan.js';
import { aReceivedAppeal, aRoutedEvent, anAnsweredEvent, anExtensionApproved, minutesAfter, startMonitorScenario } from './support/monitor-harness.js';

const RECEIVED_AT = '2026-11-23T07:00:00.000Z';

describe('topic appeals.events, the executors\' events', () => {
  it('when the appeal is answered after the first stage, its pending stages are withdrawn and never fire', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const appeal = aReceivedAppeal(RECEIVED_AT);
    const routed = aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1));
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }, { topic: 'appeals.events', payload: routed }]);
    await scenario.caughtUp();
    const plan = expectedPlan(appeal, routed);
    const [first, second] = plan;
    if (first === undefined || second === undefined) throw new Error('the answer clock plans several stages');

    scenario.clock.set(minutesAfter(first.fireAt, 2));
    expect((await monitor.tick()).fired).toBe(1);
    const answered = anAnsweredEvent(appeal, 'zhkh', minutesAfter(first.fireAt, 10));
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: answered }]);
    await scenario.caughtUp();

    // Past every remaining stage, the overdue one included: nothing more is raised.
    scenario.clock.set(minutesAfter(plan.at(-1)?.fireAt ?? '', 2));
    const report = await monitor.tick();
    expect(report.fired).toBe(0);
    expect(report.skipped).toBe(plan.length - 1);
    await scenario.alerts.readToEnd();
    expect(scenario.alerts.messages.map((message) => (message.value as DeadlineStageAlert).alertId)).toEqual([first.alertId]);
    expect(JSON.stringify(scenario.alerts.messages)).not.toContain('фонарь заменён');
  });

  it('when an extension is approved, the answer clock\'s stages move to the new deadline: the old ones do not fire, the new ones fire once', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const appeal = aReceivedAppeal(RECEIVED_AT);
    const routed = aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1));
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }, { topic: 'appeals.events', payload: routed }]);
    await scenario.caughtUp();
    const before = expectedPlan(appeal, routed);
    const extension = anExtensionApproved(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 3 * 24 * 60), 20);
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: extension }]);
    await scenario.caughtUp();
    const after = expectedPlan(appeal, routed, undefined, [extension]);
    const lastBefore = Date.parse(before.at(-1)?.fireAt ?? '');
    // The extended clock's stages: all later than the original deadline's overdue stage, except ones already past.
    expect(after.length).toBeGreaterThan(0);
    expect(Date.parse(after.at(-1)?.dueAt ?? '')).toBeGreaterThan(Date.parse(before.at(-1)?.dueAt ?? ''));

    // At the original overdue time, only what the new plan holds as due by then fires.
    scenario.clock.set(new Date(lastBefore + 2 * 60_000));
    await monitor.tick();
    await scenario.alerts.readToEnd();
    const dueByThen = after.filter((stage) => Date.parse(stage.fireAt) <= lastBefore);
    const raisedEarly = scenario.alerts.messages.map((message) => (message.value as DeadlineStageAlert).alertId);
    expect(raisedEarly.sort()).toEqual(dueByThen.map((stage) => stage.alertId).sort());
    expect(raisedEarly).not.toContain(before.at(-1)?.alertId);

    scenario.clock.set(minutesAfter(after.at(-1)?.fireAt ?? '', 2));
    await monitor.tick();
    await monitor.tick();
    await scenario.alerts.readToEnd();
    const raised = scenario.alerts.messages.map((message) => message.value as DeadlineStageAlert);
    expect(raised.map((alert) => alert.alertId).sort()).toEqual(after.map((stage) => stage.alertId).sort());
    expect(raised.at(-1)).toMatchObject({ stageId: 'overdue', dueAt: after.at(-1)?.dueAt });
  });
});
