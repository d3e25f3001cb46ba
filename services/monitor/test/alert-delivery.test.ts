import { credentials, Metadata } from '@grpc/grpc-js';
import type { ControlAlert } from '@priemnaya/contracts';
import { AlertServiceClient, type Alert } from '@priemnaya/grpc/generated/priemnaya/monitor/v1/monitor.js';
import { localDateOf } from '@priemnaya/deadlines';
import { waitFor } from '@priemnaya/testing';
import { describe, expect, it } from 'vitest';
import type { MonitorService } from '../src/app.js';
import { expectedPlan } from './support/expected-plan.js';
import { aReceivedAppeal, aRoutedEvent, minutesAfter, startMonitorScenario, tokenFor, type MonitorScenario } from './support/monitor-harness.js';

const RECEIVED_AT = '2026-11-23T07:00:00.000Z';

/** Two appeals, one for each unit, past their first stage. */
async function twoUnitsAlerted(scenario: MonitorScenario, monitor: MonitorService) {
  const housing = aReceivedAppeal(RECEIVED_AT);
  const roads = aReceivedAppeal(RECEIVED_AT);
  const housingRouted = aRoutedEvent(housing, 'zhkh', minutesAfter(RECEIVED_AT, 1));
  await scenario.publisher.publish([
    { topic: 'appeals.received', payload: housing },
    { topic: 'appeals.received', payload: roads },
    { topic: 'appeals.events', payload: housingRouted },
    { topic: 'appeals.events', payload: aRoutedEvent(roads, 'roads', minutesAfter(RECEIVED_AT, 1)) },
  ]);
  await scenario.caughtUp();
  const plan = expectedPlan(housing, housingRouted);
  scenario.clock.set(minutesAfter(plan[0]?.fireAt ?? '', 2));
  expect((await monitor.tick()).fired).toBe(2);
  return { housing, roads, plan };
}

/** Reads server-sent events from a response body as they come. */
function readEvents(body: ReadableStream<Uint8Array>): { alerts: ControlAlert[]; ids: string[] } {
  const received = { alerts: [] as ControlAlert[], ids: [] as string[] };
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    for await (const chunk of body) {
      buffer += decoder.decode(chunk, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (id !== undefined && data !== undefined) {
          received.ids.push(id);
          received.alerts.push(JSON.parse(data) as ControlAlert);
        }
      }
    }
  })().catch(() => undefined);
  return received;
}

describe('GET /v1/alerts/stream', () => {
  it('streams each person the alerts of their units only, and a reconnect with Last-Event-ID resumes after it', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const base = await monitor.http.listen({ host: '127.0.0.1', port: 0 });
    const { housing, roads, plan } = await twoUnitsAlerted(scenario, monitor);
    const executor = await tokenFor({ staffId: 'e-1', role: 'executor', units: ['zhkh'] });
    const supervisor = await tokenFor({ staffId: 's-1', role: 'supervisor', units: ['roads'] });

    const controller = new AbortController();
    onTestFinished(async () => controller.abort());
    const open = async (token: string, lastEventId?: string) => {
      const response = await fetch(`${base}/v1/alerts/stream`, {
        headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      if (response.body === null) throw new Error('no body');
      return readEvents(response.body);
    };
    const executorStream = await open(executor);
    const supervisorStream = await open(supervisor);
    await waitFor(() => executorStream.alerts.length === 1 && supervisorStream.alerts.length === 1);
    expect(executorStream.alerts[0]?.appealId).toBe(housing.appealId);
    expect(supervisorStream.alerts[0]?.appealId).toBe(roads.appealId);

    scenario.clock.set(minutesAfter(plan[1]?.fireAt ?? '', 2));
    await monitor.tick();
    const resumed = await open(executor, executorStream.ids[0]);
    await waitFor(() => resumed.alerts.length === 1 && executorStream.alerts.length === 2);
    expect(resumed.alerts[0]).toMatchObject({ appealId: housing.appealId, stageId: 'three-days-left' });

    const refused = await fetch(`${base}/v1/alerts/stream`, { headers: { authorization: `Bearer ${await tokenFor({ staffId: 'o', role: 'intake-operator', units: [] })}` } });
    expect(refused.status).toBe(403);
    expect((await fetch(`${base}/v1/alerts/stream`)).status).toBe(401);
  });
});

describe('priemnaya.monitor.v1.AlertService/WatchAlerts', () => {
  it('streams an administrator every alert, and refuses a call without a token', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const port = await monitor.grpc.listen('127.0.0.1', 0);
    const client = new AlertServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
    onTestFinished(async () => client.close());
    await twoUnitsAlerted(scenario, monitor);

    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${await tokenFor({ staffId: 'a-1', role: 'administrator', units: [] })}`);
    const call = client.watchAlerts({ afterAlertId: '' }, metadata);
    const alerts: Alert[] = [];
    call.on('data', (response: { alert?: Alert }) => {
      if (response.alert) alerts.push(response.alert);
    });
    call.on('error', () => undefined);
    await waitFor(() => alerts.length === 2);
    expect(new Set(alerts.map((alert) => alert.unit))).toEqual(new Set(['zhkh', 'roads']));
    call.cancel();

    const refused = await new Promise<{ code?: number }>((resolve) => {
      const anonymous = client.watchAlerts({ afterAlertId: '' });
      anonymous.on('error', resolve);
      anonymous.on('data', () => undefined);
    });
    expect(refused.code).toBe(16);
  });
});

describe('GET /v1/digests/{date}', () => {
  it("gives a supervisor the day's alerts and the open clocks of their units only", async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const { housing, plan } = await twoUnitsAlerted(scenario, monitor);
    await scenario.alerts.readToEnd();
    const date = localDateOf(scenario.clock.now().toISOString(), 'Europe/Moscow');
    const headers = { authorization: `Bearer ${await tokenFor({ staffId: 's-2', role: 'supervisor', units: ['zhkh'] })}` };
    const digest = await waitFor(async () => {
      const response = await monitor.http.inject({ method: 'GET', url: `/v1/digests/${date}`, headers });
      const body = response.json<{ alerts: { total: number; items: { appealId: string; stageId: string }[] }; openClocks: { total: number; items: { appealId: string }[] } }>();
      return body.alerts.total === 1 ? body : undefined;
    });
    expect(digest.alerts.items[0]).toMatchObject({ appealId: housing.appealId, stageId: plan[0]?.stageId });
    expect(digest.openClocks.items.map((clock) => clock.appealId)).toEqual([housing.appealId]);
    const executor = { authorization: `Bearer ${await tokenFor({ staffId: 'e-2', role: 'executor', units: ['zhkh'] })}` };
    expect((await monitor.http.inject({ method: 'GET', url: `/v1/digests/${date}`, headers: executor })).statusCode).toBe(403);
    expect((await monitor.http.inject({ method: 'GET', url: '/v1/digests/2026-13-40', headers })).statusCode).toBe(400);
  });
});
