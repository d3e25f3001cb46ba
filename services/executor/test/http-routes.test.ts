import { waitFor } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { aTask, ADMINISTRATOR, executorOf, OPERATOR, startExecutorScenario, tasksOf, waitForTask, type ErrorBody } from './support/executor-harness.js';

const rejected = [
  { condition: 'limit is 0', url: '/v1/units/zhkh/tasks?limit=0', field: 'limit' },
  { condition: 'limit is not a number', url: '/v1/units/zhkh/tasks?limit=abc', field: 'limit' },
  { condition: 'limit is over 500', url: '/v1/units/zhkh/tasks?limit=501', field: 'limit' },
  { condition: 'the unit is not a unit code', url: `/v1/units/${encodeURIComponent('Bad Unit!')}/tasks`, field: 'unit' },
];

// Each case has its own topics, consumer group and database, so the cases run side by side.
describe.concurrent('GET /v1/units/:unit/tasks', () => {
  it('lists the unit\'s tasks oldest receivedAt first, and no more than limit of them', async ({ expect, onTestFinished }) => {
    const { publisher, executor } = await startExecutorScenario(onTestFinished);
    const oldest = aTask();
    const middle = aTask();
    const newest = aTask();

    // Recorded newest first, one after the other, so the order listed is the executor's doing.
    for (const task of [newest, oldest, middle]) {
      await publisher.publish([{ topic: 'tasks', payload: task }]);
      await waitForTask(executor, 'zhkh', task.appealId);
    }
    const listed = await tasksOf(executor, 'zhkh');

    expect(listed.map((task) => task.receivedAt)).toEqual([oldest.receivedAt, middle.receivedAt, newest.receivedAt]);
    expect((await tasksOf(executor, 'zhkh', '?limit=2')).map((task) => task.appealId)).toEqual([oldest.appealId, middle.appealId]);
  });

  it('answers 401 naming authorization without a token, 403 to an intake operator and to an executor of another unit', async ({ expect, onTestFinished }) => {
    const { executor } = await startExecutorScenario(onTestFinished, { start: false });

    const anonymous = await executor.get('/v1/units/zhkh/tasks');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual(['authorization']);
    expect((await executor.get('/v1/units/zhkh/tasks', OPERATOR)).statusCode).toBe(403);
    const otherUnit = await executor.get('/v1/units/zhkh/tasks', executorOf('roads'));
    expect(otherUnit.statusCode).toBe(403);
    expect(otherUnit.json<ErrorBody>().fields?.map((fault) => fault.field)).toEqual(['unit']);
  });

  for (const { condition, url, field } of rejected) {
    it(`when ${condition}, answers 400 naming ${field}`, async ({ expect, onTestFinished }) => {
      // The answer does not depend on what was consumed, so the consumer is not started.
      const { executor } = await startExecutorScenario(onTestFinished, { start: false });

      const response = await executor.get(url, ADMINISTRATOR);

      expect(response.statusCode).toBe(400);
      const error = response.json<ErrorBody>();
      expect(error.code).toBe('validation_failed');
      expect(error.fields?.map((fault) => fault.field)).toEqual([field]);
      expect(error.message).toMatch(new RegExp(`^${field}: `));
    });
  }
});

describe.concurrent('GET /readyz', () => {
  it('answers 503 naming the consumer until it has joined its group, then 200', async ({ expect, onTestFinished }) => {
    const { executor } = await startExecutorScenario(onTestFinished, { start: false });

    const before = await executor.get('/readyz');
    expect(before.statusCode).toBe(503);
    expect(before.json()).toEqual({ status: 'not ready', checks: { database: true, kafka: true, consumer: false } });

    await executor.service.start();
    const ready = await waitFor(
      async () => {
        const response = await executor.get('/readyz');
        return response.statusCode === 200 ? response : undefined;
      },
      { description: 'the executor to report ready' },
    );
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: true, kafka: true, consumer: true } });
  });
});
