import { randomUUID } from 'node:crypto';
import { DeadLetter } from '@priemnaya/contracts';
import { waitFor } from '@priemnaya/testing';
import { Partitioners } from 'kafkajs';
import { afterEach, beforeEach, describe, it } from 'vitest';
import { anAppeal, anAppealAfter } from './support/appeals.js';
import { startRouterScenarioEach, type RouterScenario, type RouterContext } from './support/router-harness.js';

const HEATING_IN_THE_STAIRWELL = 'В подъезде дома 3 не работает отопление';

/** Produces a value as it is, bypassing the publisher's validation, as a faulty producer would. */
async function produceRaw(scenario: RouterScenario, key: string, value: string): Promise<void> {
  const producer = scenario.testKafka.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({ topic: scenario.topics.received, acks: -1, messages: [{ key, value }] });
  } finally {
    await producer.disconnect();
  }
}

function deadLetterOf(scenario: RouterScenario, key: string): Promise<DeadLetter> {
  return waitFor(
    () => {
      const letter = scenario.outputs.messages.find((message) => message.topic === scenario.topics.deadLetters && message.key === key);
      return letter && DeadLetter.parse(letter.value);
    },
    { description: `the dead letter keyed ${key}` },
  );
}

describe.concurrent('topic appeals.received', () => {
  beforeEach<RouterContext>(startRouterScenarioEach);
  afterEach<RouterContext>(({ teardown }) => teardown.run());

  it<RouterContext>('when a payload does not match AppealReceived, dead-letters it naming the field and routes the next appeal', async ({ scenario, expect }) => {
    const appealId = randomUUID();
    const value = JSON.stringify({ ...anAppeal(HEATING_IN_THE_STAIRWELL, { appealId }), registrationNumber: '42' });
    await produceRaw(scenario, appealId, value);
    const next = anAppealAfter(appealId, HEATING_IN_THE_STAIRWELL);
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: next }]);

    const letter = await deadLetterOf(scenario, appealId);
    expect(letter.originalTopic).toBe(scenario.topics.received);
    expect(letter.reason).toContain('registrationNumber');
    expect(Buffer.from(letter.valueBase64 ?? '', 'base64').toString('utf8')).toBe(value);

    await scenario.firstOn(scenario.topics.tasks, next.appealId);
    await scenario.outputs.readToEnd();
    expect(scenario.outputs.ofAppeal(appealId)).toEqual([]);
  });

  it<RouterContext>('when a value is not JSON, dead-letters it saying so and routes the next appeal', async ({ scenario, expect }) => {
    const key = randomUUID();
    await produceRaw(scenario, key, 'appeal: heating, stairwell');
    const next = anAppealAfter(key, HEATING_IN_THE_STAIRWELL);
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: next }]);

    const letter = await deadLetterOf(scenario, key);
    expect(letter.originalTopic).toBe(scenario.topics.received);
    expect(letter.reason).toMatch(/not JSON/);
    expect(Buffer.from(letter.valueBase64 ?? '', 'base64').toString('utf8')).toBe('appeal: heating, stairwell');

    const task = await scenario.firstOn(scenario.topics.tasks, next.appealId);
    expect(task.key).toBe(next.appealId);
  });
});
