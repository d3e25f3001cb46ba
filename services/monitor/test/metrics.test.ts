import { waitFor } from '@priemnaya/testing';
import { describe, expect, it } from 'vitest';
import { expectedPlan } from './support/expected-plan.js';
import { aReceivedAppeal, aRoutedEvent, minutesAfter, startMonitorScenario } from './support/monitor-harness.js';

const RECEIVED_AT = '2026-11-23T07:00:00.000Z';

/** The value of the one series of `name` whose labels include every one given, or 0 when there is none yet. */
function valueOf(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split('\n')
    .find((candidate) => (candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `)) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  it('after a stage fires, counts the alert by stage once, and reports the open clocks and the consumer lag', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const scrape = async () => {
      const response = await monitor.http.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      return response.body;
    };
    const appeal = aReceivedAppeal(RECEIVED_AT);
    const routed = aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1));
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }, { topic: 'appeals.events', payload: routed }]);
    await scenario.caughtUp();
    const halfTime = { type: 'deadline-stage', stage: 'half-time' };
    const before = valueOf(await scrape(), 'priemnaya_monitor_alerts_fired_total', halfTime);

    const [first] = expectedPlan(appeal, routed);
    scenario.clock.set(minutesAfter(first?.fireAt ?? '', 2));
    expect((await monitor.tick()).fired).toBe(1);
    // Counted when this monitor's own feed reads the alert back from control.alerts.
    const text = await waitFor(async () => {
      const scraped = await scrape();
      return valueOf(scraped, 'priemnaya_monitor_alerts_fired_total', halfTime) > before ? scraped : undefined;
    }, { description: 'the half-time alert counted' });
    expect(valueOf(text, 'priemnaya_monitor_alerts_fired_total', halfTime) - before).toBe(1);
    expect(valueOf(text, 'priemnaya_monitor_open_clocks')).toBe(1);
    expect(text).toMatch(/^priemnaya_kafka_consumer_lag\{group="[^"]+",topic="[^"]+\.appeals\.events",partition="\d+"\} \d+$/m);
    expect(text).not.toContain(appeal.registrationNumber);
  });
});
