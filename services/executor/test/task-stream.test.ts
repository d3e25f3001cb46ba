import { status } from '@grpc/grpc-js';
import { waitFor } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { aTask, deliverTask, executorOf, metadataOf, OPERATOR, startExecutorScenario, tokenOf } from './support/executor-harness.js';
import { openSse, watchTasks } from './support/stream-clients.js';
import { act, done } from './support/work-steps.js';

const zhkh = executorOf('zhkh');

describe.concurrent('rpc WatchTasks', () => {
  it('delivers the backlog then each new task; resumed after a disconnect with the last cursor, gets every task recorded meanwhile once, in order', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { client } = scenario.executor;
    const metadata = await metadataOf(zhkh);
    const before = [await deliverTask(scenario), await deliverTask(scenario)];
    await deliverTask(scenario, { unit: 'roads', topic: 'roads' });

    const first = watchTasks(client, 'zhkh', '', metadata);
    await waitFor(() => first.received.length >= 2, { description: 'the backlog' });
    const live = await deliverTask(scenario);
    await waitFor(() => first.received.length >= 3, { description: 'the live task' });
    first.cancel();
    const whileAway = [await deliverTask(scenario), await deliverTask(scenario)];
    const lastCursor = first.received.at(-1)?.cursor ?? '';

    const second = watchTasks(client, 'zhkh', lastCursor, metadata);
    await waitFor(() => second.received.length >= 2, { description: 'the tasks recorded while away' });
    const afterResume = await deliverTask(scenario);
    await waitFor(() => second.received.length >= 3, { description: 'the task after resuming' });
    second.cancel();

    expect(first.received.map((response) => response.task?.appealId)).toEqual([...before, live].map((task) => task.appealId));
    expect(second.received.map((response) => response.task?.appealId)).toEqual([...whileAway, afterResume].map((task) => task.appealId));
    const cursors = [...first.received, ...second.received].map((response) => Number(response.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(first.received[0]?.task).toMatchObject({ unit: 'zhkh', role: 'lead', leadUnit: 'zhkh', channel: 'site', registrationNumber: before[0]?.registrationNumber, text: before[0]?.text });
  });

  it('delivers on one process the tasks another process of the service recorded, in one order on both, none missing', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const other = await scenario.startAnother();
    const metadata = await metadataOf(zhkh);
    const here = watchTasks(scenario.executor.client, 'zhkh', '', metadata);
    const there = watchTasks(other.client, 'zhkh', '', metadata);
    // Published at once: the two processes split the partitions between them and record side by side.
    const tasks = Array.from({ length: 12 }, () => aTask());
    await scenario.publisher.publish(tasks.map((payload) => ({ topic: 'tasks' as const, payload })));

    await waitFor(() => here.received.length >= tasks.length && there.received.length >= tasks.length, { description: 'every task on both streams' });
    here.cancel();
    there.cancel();
    expect(new Set(here.received.map((response) => response.task?.appealId))).toEqual(new Set(tasks.map((task) => task.appealId)));
    expect(there.received.map((response) => response.cursor)).toEqual(here.received.map((response) => response.cursor));
    expect(there.received.map((response) => response.task?.appealId)).toEqual(here.received.map((response) => response.task?.appealId));
  });

  it('delivers a co-executor unit\'s task on that unit\'s stream as its own', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const roads = watchTasks(scenario.executor.client, 'roads', '', await metadataOf(executorOf('roads')));
    const task = await deliverTask(scenario);
    await done(act(scenario.executor, zhkh, 'zhkh', task.appealId, 'accept'));
    await done(act(scenario.executor, zhkh, 'zhkh', task.appealId, 'co-executors', { coExecutorUnit: 'roads', why: 'часть про тротуар' }));

    await waitFor(() => roads.received.length >= 1, { description: 'the co-executor task' });
    roads.cancel();
    expect(roads.received.map((response) => response.task)).toEqual([expect.objectContaining({ appealId: task.appealId, unit: 'roads', role: 'co-executor', leadUnit: 'zhkh' })]);
  });

  it('refuses a stream of another unit, one without a token, one for an intake operator, and a cursor it never gave', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished, { start: false });
    const { client } = scenario.executor;
    const { Metadata } = await import('@grpc/grpc-js');
    const streams = [
      watchTasks(client, 'zhkh', '', await metadataOf(executorOf('roads'))),
      watchTasks(client, 'zhkh', '', new Metadata()),
      watchTasks(client, 'zhkh', '', await metadataOf(OPERATOR)),
      watchTasks(client, 'zhkh', 'yesterday', await metadataOf(zhkh)),
    ];
    const errors = await Promise.all(streams.map((stream) => waitFor(() => stream.error(), { description: 'the stream to be refused' })));
    expect(errors.map((error) => error.code)).toEqual([status.PERMISSION_DENIED, status.UNAUTHENTICATED, status.PERMISSION_DENIED, status.INVALID_ARGUMENT]);
    expect(errors[3]?.details).toBe('after_cursor: must be a cursor the stream gave');
  });
});

describe.concurrent('GET /v1/units/:unit/tasks/stream', () => {
  it('sends each task as an event whose id is its cursor, and resumes after Last-Event-ID without gaps or repeats', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const url = `${scenario.executor.url}/v1/units/zhkh/tasks/stream`;
    const authorization = `Bearer ${await tokenOf(zhkh)}`;
    const first = [await deliverTask(scenario), await deliverTask(scenario)];

    const stream = await openSse(url, { authorization });
    onTestFinished(async () => stream.abort());
    await waitFor(() => stream.events.length >= 2, { description: 'the backlog' });
    stream.abort();
    const meanwhile = await deliverTask(scenario);
    const resumed = await openSse(url, { authorization, 'last-event-id': stream.events[1]?.id ?? '' });
    onTestFinished(async () => resumed.abort());
    const later = await deliverTask(scenario);
    await waitFor(() => resumed.events.length >= 2, { description: 'the resumed events' });

    expect(stream.events.map((event) => [event.event, (event.data as { appealId: string }).appealId])).toEqual(first.map((task) => ['task', task.appealId]));
    expect(resumed.events.map((event) => (event.data as { appealId: string }).appealId)).toEqual([meanwhile.appealId, later.appealId]);
    expect(Number(resumed.events[0]?.id)).toBeGreaterThan(Number(stream.events[1]?.id));
  });

  it('answers 401 without a token, 403 for another unit and 400 naming Last-Event-ID for a bad one', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished, { start: false });
    const url = `${scenario.executor.url}/v1/units/zhkh/tasks/stream`;

    const anonymous = await openSse(url, {});
    const otherUnit = await openSse(url, { authorization: `Bearer ${await tokenOf(executorOf('roads'))}` });
    const badCursor = await openSse(url, { authorization: `Bearer ${await tokenOf(zhkh)}`, 'last-event-id': 'abc' });

    expect([anonymous.status, otherUnit.status, badCursor.status]).toEqual([401, 403, 400]);
    expect(JSON.parse(badCursor.body)).toMatchObject({ fields: [{ field: 'Last-Event-ID' }] });
  });
});
