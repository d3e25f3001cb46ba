import type { AppealEvent, AppealReceived, AtRiskAlert } from '@priemnaya/contracts';
import { waitFor } from '@priemnaya/testing';
import { describe, expect, it } from 'vitest';
import type { DailyDigest } from '../src/domain/daily-digest.js';
import { aReceivedAppeal, aRoutedEvent, anAnsweredEvent, minutesAfter, startMonitorScenario, tokenFor, type MonitorScenario } from './support/monitor-harness.js';

// Monday 23 November 2026, 10:00 in Moscow; the pace is learned over 9-20 November.
const NOW = '2026-11-23T07:00:00.000Z';
const PACE_DAYS = ['09', '10', '11', '12', '13', '16', '17', '18', '19', '20'].map((day) => `2026-11-${day}T07:00:00.000Z`);
// Registered on these days, answers are due on 25, 26, 27 and 30 November: 3, 4, 5 and 6 working days left.
const BACKLOG_RECEIVED = ['2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29'].map((day) => `${day}T07:00:00.000Z`);

/** A unit's past answers (registered, routed, answered on the given days) and its open backlog. */
async function unitWith(scenario: MonitorScenario, unit: string, answeredOn: string[]): Promise<AppealReceived[]> {
  const messages: ({ topic: 'appeals.received'; payload: AppealReceived } | { topic: 'appeals.events'; payload: AppealEvent })[] = [];
  for (const answeredAt of answeredOn) {
    const appeal = aReceivedAppeal('2026-11-02T07:00:00.000Z');
    messages.push({ topic: 'appeals.received', payload: appeal });
    messages.push({ topic: 'appeals.events', payload: aRoutedEvent(appeal, unit, minutesAfter(appeal.receivedAt, 1)) });
    messages.push({ topic: 'appeals.events', payload: anAnsweredEvent(appeal, unit, answeredAt) });
  }
  const backlog = BACKLOG_RECEIVED.map((receivedAt) => aReceivedAppeal(receivedAt));
  for (const appeal of backlog) {
    messages.push({ topic: 'appeals.received', payload: appeal });
    messages.push({ topic: 'appeals.events', payload: aRoutedEvent(appeal, unit, minutesAfter(appeal.receivedAt, 1)) });
  }
  await scenario.publisher.publish(messages);
  return backlog;
}

describe('at-risk forecast on control.alerts', () => {
  it('warns supervisors once about the appeals at the back of a slow unit\'s queue, and not about a unit keeping pace', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, NOW);
    const monitor = await scenario.startMonitor();
    // zhkh answered 5 appeals in ten working days (0.5 a day); roads 20 (2 a day). Same backlogs.
    const slow = await unitWith(scenario, 'zhkh', PACE_DAYS.slice(0, 5));
    await unitWith(scenario, 'roads', [...PACE_DAYS, ...PACE_DAYS.map((day) => minutesAfter(day, 60))]);
    await scenario.caughtUp();

    const first = await monitor.forecast();
    expect(first).toEqual({ units: 2, atRisk: 2, raised: 2, pending: 0 });
    // Later runs find the same appeals at risk and raise nothing again; nor does a restarted monitor.
    expect((await monitor.forecast()).raised).toBe(0);
    await monitor.stop();
    const restarted = await scenario.startMonitor();
    expect(await restarted.forecast()).toMatchObject({ atRisk: 2, raised: 0 });

    await scenario.alerts.readToEnd();
    // Keyed by appeal, so the topic's partitions may hold them in any order.
    const raised = scenario.alerts.messages.map((message) => message.value as AtRiskAlert).sort((a, b) => a.reason.backlogAhead - b.reason.backlogAhead);
    // Third and fourth in the queue need 6 and 8 working days at half an answer a day; they have 5 and 6.
    expect(raised.map((alert) => alert.appealId)).toEqual([slow[2]?.appealId, slow[3]?.appealId]);
    expect(raised.map((alert) => alert.reason)).toEqual([
      { backlogAhead: 3, pacePerWorkingDay: 0.5, workingDaysLeft: 5, workingDaysNeeded: 6 },
      { backlogAhead: 4, pacePerWorkingDay: 0.5, workingDaysLeft: 6, workingDaysNeeded: 8 },
    ]);
    expect(raised.every((alert) => alert.type === 'at-risk' && alert.unit === 'zhkh' && alert.clockId === 'answer' && alert.recipients.includes('supervisor'))).toBe(true);
    expect(new Set(raised.map((alert) => alert.alertId)).size).toBe(2);
    const text = JSON.stringify(raised);
    expect(text).not.toContain('Иванова');
    expect(text).not.toContain('фонарь');

    // Delivered to the unit's supervisor through the monitor's feed, as the stages are.
    const supervisor = { authorization: `Bearer ${await tokenFor({ staffId: 's-1', role: 'supervisor', units: ['zhkh'] })}` };
    let digest: DailyDigest | undefined;
    await waitFor(async () => {
      const response = await restarted.http.inject({ method: 'GET', url: '/v1/digests/2026-11-23', headers: supervisor });
      digest = response.json<DailyDigest>();
      return digest.alerts.byStage['at-risk'] === 2;
    });
    expect(digest?.alerts.items.map((alert) => alert.appealId).sort()).toEqual([slow[2]?.appealId, slow[3]?.appealId].sort());
  });
});
