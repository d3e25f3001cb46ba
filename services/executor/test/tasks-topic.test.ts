import { ensureTopics } from '@priemnaya/kafka';
import { countMessages, produceRaw, readMessages } from '@priemnaya/testing';
import { DeadLetter } from '@priemnaya/contracts';
import { describe, it } from 'vitest';
import { aTask, infra, startExecutorScenario, tasksOf, waitForTask } from './support/executor-harness.js';

// Each case has its own topics, consumer group and database, so the cases run side by side.
describe.concurrent('topic tasks.<unit>', () => {
  it('when a task is assigned to zhkh, lists it for zhkh with its registration number, topic and receivedAt, and not for roads', async ({ expect, onTestFinished }) => {
    const { publisher, executor } = await startExecutorScenario(onTestFinished);
    const housing = aTask({ unit: 'zhkh', topic: 'housing' });
    const pothole = aTask({ unit: 'roads', topic: 'roads' });

    await publisher.publish([
      { topic: 'tasks', payload: housing },
      { topic: 'tasks', payload: pothole },
    ]);

    expect(await waitForTask(executor, 'zhkh', housing.appealId)).toEqual({
      appealId: housing.appealId,
      registrationNumber: housing.registrationNumber,
      unit: 'zhkh',
      topic: 'housing',
      channel: 'site',
      role: 'lead',
      leadUnit: 'zhkh',
      status: 'new',
      receivedAt: housing.receivedAt,
      routedAt: housing.routedAt,
    });
    await waitForTask(executor, 'roads', pothole.appealId);
    expect((await tasksOf(executor, 'zhkh')).map((task) => task.appealId)).toEqual([housing.appealId]);
    expect((await tasksOf(executor, 'roads')).map((task) => task.appealId)).toEqual([pothole.appealId]);
  });

  it('when the same task is delivered twice, lists it once', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = aTask();

    await scenario.publisher.publish([{ topic: 'tasks', payload: task }]);
    await scenario.publisher.publish([{ topic: 'tasks', payload: task }]);
    await scenario.caughtUp();

    expect(await tasksOf(scenario.executor, 'zhkh')).toEqual([expect.objectContaining({ appealId: task.appealId })]);
  });

  it('when a task names another unit than the topic it arrived on, dead-letters it on that topic and lists it nowhere', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const { testKafka, executor } = scenario;
    const zhkhTopic = testKafka.names.tasks('zhkh');
    const misplaced = aTask({ unit: 'roads', topic: 'roads' });
    const next = aTask({ unit: 'zhkh' });

    await produceRaw(testKafka.kafka, zhkhTopic, [{ key: misplaced.appealId, value: JSON.stringify(misplaced) }]);
    await scenario.publisher.publish([{ topic: 'tasks', payload: next }]);
    await waitForTask(executor, 'zhkh', next.appealId);
    await scenario.caughtUp();

    expect((await tasksOf(executor, 'zhkh')).map((task) => task.appealId)).toEqual([next.appealId]);
    expect(await tasksOf(executor, 'roads')).toEqual([]);
    const deadLetterTopic = testKafka.names.deadLetter(zhkhTopic);
    expect(await countMessages(testKafka.kafka, deadLetterTopic)).toBe(1);
    const [message] = await readMessages(testKafka.kafka, deadLetterTopic, 1);
    expect(message?.key).toBe(misplaced.appealId);
    const letter = DeadLetter.parse(JSON.parse(message?.value ?? 'null'));
    expect(letter).toMatchObject({ originalTopic: zhkhTopic, consumerGroup: executor.groupId });
    expect(letter.reason).toBe(`handler failed: Error: task for unit roads arrived on ${zhkhTopic}`);
    expect(JSON.parse(Buffer.from(letter.valueBase64 ?? '', 'base64').toString('utf8'))).toEqual(misplaced);
    expect(await countMessages(testKafka.kafka, testKafka.names.deadLetter(testKafka.names.tasks('roads')))).toBe(0);
  });

  it('when a unit\'s task topic is created after start, lists the tasks that arrive on it and still those of the other units', async ({ expect, onTestFinished }) => {
    const { testKafka, publisher, executor } = await startExecutorScenario(onTestFinished);
    const newTopic = testKafka.names.tasks('newunit');
    // As an operator's script would create a new unit's topic.
    await ensureTopics(testKafka.kafka, [newTopic, testKafka.names.deadLetter(newTopic)].map((name) => ({ name, partitions: 2, replicationFactor: infra.replicationFactor })));
    const task = aTask({ unit: 'newunit', topic: 'other' });

    await publisher.publish([{ topic: 'tasks', payload: task }]);

    expect(await waitForTask(executor, 'newunit', task.appealId)).toMatchObject({ unit: 'newunit', registrationNumber: task.registrationNumber });
    const after = aTask({ unit: 'zhkh' });
    await publisher.publish([{ topic: 'tasks', payload: after }]);
    await waitForTask(executor, 'zhkh', after.appealId);
    expect((await tasksOf(executor, 'newunit')).map((listed) => listed.appealId)).toEqual([task.appealId]);
  });
});
