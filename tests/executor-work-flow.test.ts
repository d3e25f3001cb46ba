import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { createStaffTokens, withStaffToken } from '@priemnaya/auth';
import { CitizenNotification } from '@priemnaya/contracts';
import { ExecutorServiceClient, type WatchTasksResponse } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
import { collectTopics, type TopicCollector, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devStaffTokenSecret } from '../scripts/auth/dev-secret.js';
import type { RunningFleet } from '../scripts/fleet/fleet.js';
import { startIsolatedFleet, type IsolatedFleet } from '../scripts/fleet/isolated-fleet.js';

const tokens = createStaffTokens(devStaffTokenSecret());

/**
 * An executor's day across the real fleet: an appeal posted on the site reaches the housing
 * unit's executor on a live gRPC stream; a supervisor assigns it, the executor accepts and
 * answers; the registry card, the citizen's status and the citizen's notification follow. A
 * second appeal handed back as "not our competence" is routed again to the unit named.
 */
describe('executors’ work through the fleet', () => {
  let isolated: IsolatedFleet;
  let fleet: RunningFleet;
  let client: ExecutorServiceClient;
  let notifications: TopicCollector;
  const streamed: WatchTasksResponse[] = [];
  let streamError: ServiceError | undefined;
  let cancelStream = () => {};
  const logs: string[] = [];
  const token = {} as Record<'executor' | 'supervisor' | 'roadsExecutor' | 'administrator', string>;

  beforeAll(async () => {
    isolated = await startIsolatedFleet('work', { onLine: (service, line) => logs.push(`${service} ${line}`) });
    fleet = isolated.fleet;
    notifications = await collectTopics(isolated.kafka, [isolated.names.of('notifications.outbound')]);
    token.executor = await tokens.issue({ staffId: 'ivanova', role: 'executor', units: ['zhkh'] });
    token.roadsExecutor = await tokens.issue({ staffId: 'orlov', role: 'executor', units: ['roads'] });
    token.supervisor = await tokens.issue({ staffId: 'head-zhkh', role: 'supervisor', units: ['zhkh'] });
    token.administrator = await tokens.issue({ staffId: 'admin', role: 'administrator', units: [] });

    const address = fleet.grpcAddresses.executor;
    if (address === undefined) throw new Error('the fleet gave the executor no gRPC address');
    client = new ExecutorServiceClient(address, credentials.createInsecure());
    const call = client.watchTasks({ unit: 'zhkh', afterCursor: '' }, withStaffToken(new Metadata(), token.executor));
    call.on('data', (response: WatchTasksResponse) => streamed.push(response));
    call.on('error', (error: ServiceError) => {
      if (error.code !== status.CANCELLED) streamError = error;
    });
    cancelStream = () => call.cancel();

    // The executor is on duty, so the least-loaded assignment has someone to choose.
    const onDuty = await staff('PUT', '/v1/units/zhkh/executors/ivanova', token.supervisor, { available: true, absences: [] });
    expect(onDuty.status).toBe(200);
  });

  afterAll(async () => {
    cancelStream();
    client?.close();
    await notifications?.stop();
    await isolated?.dispose();
  });

  async function staff(method: string, path: string, bearer: string, body?: unknown, base = fleet.urls.executor) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function postAppeal(text: string) {
    const response = await fetch(`${fleet.urls.ingest}/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, author: { name: 'Кузнецова Мария Павловна', email: 'kuznetsova@example.org' } }),
    });
    expect(response.status).toBe(202);
    return (await response.json()) as { id: string; registrationNumber: string };
  }

  async function streamedTask(appealId: string) {
    try {
      return await waitFor(() => streamed.find((response) => response.task?.appealId === appealId), { description: 'the task on the executor’s stream' });
    } catch (error) {
      // Say where the appeal is, so a failure tells a lost delivery from a routing elsewhere.
      const where = await (await fetch(`${fleet.urls.ingest}/v1/appeals/${appealId}`)).text();
      const listed = await staff('GET', '/v1/units/zhkh/tasks', token.executor);
      throw new Error(`${String(error)}; status: ${where}; listed in zhkh: ${JSON.stringify(listed.body).includes(appealId)}; streamed: ${streamed.length}; stream error: ${String(streamError)}; ${logs.filter((line) => /error|warn/i.test(line)).slice(-10).join(' | ')}`);
    }
  }

  it('a routed appeal reaches the executor’s stream, is assigned, accepted and answered, and everyone downstream sees it', async () => {
    const posted = performance.now();
    const appeal = await postAppeal('В доме 7 по улице Мира третью неделю нет горячей воды, управляющая компания не отвечает.');
    const delivery = await streamedTask(appeal.id);
    console.info(`[figure] POST /v1/appeals to the task on a connected executor's gRPC stream: ${(performance.now() - posted).toFixed(0)} ms`);
    expect(delivery.task).toMatchObject({ registrationNumber: appeal.registrationNumber, unit: 'zhkh', role: 'lead' });
    expect(delivery.task?.text).toContain('горячей воды');
    expect(streamError).toBeUndefined();

    const task = `/v1/units/zhkh/tasks/${appeal.id}`;
    const assigned = await staff('POST', `${task}/assign`, token.supervisor, {});
    expect(assigned).toMatchObject({ status: 200, body: { state: { executorId: 'ivanova', status: 'assigned' } } });
    expect((await staff('POST', `${task}/accept`, token.executor, {})).status).toBe(200);
    // Another unit's executor may not touch it.
    expect((await staff('POST', `${task}/answer`, token.roadsExecutor, { text: 'Ответ', inSubstance: true })).status).toBe(403);
    const answered = await staff('POST', `${task}/answer`, token.executor, {
      text: 'Подача горячей воды восстановлена 25 ноября после замены участка трубопровода.',
      inSubstance: true,
    });
    expect(answered).toMatchObject({ status: 200, body: { state: { status: 'answered' } } });
    // Answering twice is refused and changes nothing.
    expect((await staff('POST', `${task}/answer`, token.executor, { text: 'Ещё раз', inSubstance: true })).status).toBe(409);

    const card = await waitFor(async () => {
      const read = await staff('GET', `/v1/staff/appeals/${appeal.id}`, token.supervisor, undefined, fleet.urls.registry);
      return read.status === 200 && (read.body as { status?: string }).status === 'answered' ? read.body : undefined;
    }, { description: 'the registry card answered' });
    const types = (card.history as { type: string }[]).map((entry) => entry.type);
    expect(types).toEqual(expect.arrayContaining(['appeal.received', 'appeal.routed', 'appeal.assigned', 'appeal.accepted', 'appeal.answered']));

    const citizen = await waitFor(async () => {
      const response = await fetch(`${fleet.urls.ingest}/v1/appeals/${appeal.id}`);
      const body = (await response.json()) as { status: string; description: string };
      return body.status === 'answered' ? body : undefined;
    }, { description: 'the citizen’s status answered' });
    expect(citizen.description).toBe('На обращение дан ответ');

    const told = await waitFor(() => {
      const kinds = notifications.messages
        .map((message) => CitizenNotification.parse(message.value))
        .filter((notification) => notification.appealId === appeal.id);
      return kinds.some((notification) => notification.kind === 'answered') ? kinds : undefined;
    }, { description: 'the citizen told of the answer' });
    expect(told.map((notification) => notification.kind).sort()).toEqual(['answered', 'registered']);
    expect(told.find((notification) => notification.kind === 'answered')?.answer?.text).toContain('восстановлена');
  });

  it('an appeal handed back as not our competence, naming the roads unit, becomes a roads task', async () => {
    const appeal = await postAppeal('В подвале дома 3 по улице Садовой течёт труба отопления, подвал затоплен.');
    await streamedTask(appeal.id);
    expect((await staff('POST', `/v1/units/zhkh/tasks/${appeal.id}/assign`, token.supervisor, { executorId: 'ivanova' })).status).toBe(200);
    const handedBack = await staff('POST', `/v1/units/zhkh/tasks/${appeal.id}/hand-back`, token.executor, {
      reason: 'Подвал относится к дорожному хозяйству по договору обслуживания.',
      suggestedUnit: 'roads',
    });
    expect(handedBack.status).toBe(200);

    const roadsTask = await waitFor(async () => {
      const listed = await staff('GET', '/v1/units/roads/tasks', token.roadsExecutor);
      return (listed.body.tasks as { appealId: string }[]).find((listedTask) => listedTask.appealId === appeal.id);
    }, { description: 'the appeal among the roads unit’s tasks' });
    expect(roadsTask).toBeDefined();
    const card = await waitFor(async () => {
      const read = await staff('GET', `/v1/staff/appeals/${appeal.id}`, token.administrator, undefined, fleet.urls.registry);
      return read.status === 200 && (read.body as { leadUnit?: string }).leadUnit === 'roads' ? read.body : undefined;
    }, { description: 'the registry card showing the roads unit' });
    expect((card.history as { type: string }[]).map((entry) => entry.type)).toContain('appeal.handed-back');
  });
});
