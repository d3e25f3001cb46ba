import { countMessages, produceRaw, readMessages } from '@priemnaya/testing';
import { DeadLetter } from '@priemnaya/contracts';
import { describe, it } from 'vitest';
import {
  aReceivedAppeal,
  aRoutedEvent,
  aTriagedEvent,
  historyOf,
  startRegistryScenario,
  statusOf,
  waitForStatus,
} from './support/registry-harness.js';

// Each case has its own topics, consumer group and database, so the cases run side by side.
describe.concurrent('topic appeals.events', () => {
  it('when an appeal is received and then routed, shows it routed to the unit and lists received then routed', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher, registry } = scenario;
    const appeal = aReceivedAppeal();
    const routed = aRoutedEvent(appeal, { unit: 'zhkh', topic: 'housing' });

    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    const received = await waitForStatus(registry, appeal.appealId, 'received');
    expect(received).toEqual({
      id: appeal.appealId,
      registrationNumber: appeal.registrationNumber,
      status: 'received',
      receivedAt: appeal.receivedAt,
      updatedAt: appeal.receivedAt,
    });

    await publisher.publish([{ topic: 'appeals.events', payload: routed }]);
    const status = await waitForStatus(registry, appeal.appealId, 'routed');

    expect(status).toEqual({
      id: appeal.appealId,
      registrationNumber: appeal.registrationNumber,
      status: 'routed',
      unit: 'zhkh',
      topic: 'housing',
      receivedAt: appeal.receivedAt,
      updatedAt: routed.occurredAt,
    });
    expect(await historyOf(registry, appeal.appealId)).toEqual({
      id: appeal.appealId,
      history: [
        { type: 'appeal.received', occurredAt: appeal.receivedAt, status: 'received' },
        { type: 'appeal.routed', occurredAt: routed.occurredAt, status: 'routed', unit: 'zhkh', topic: 'housing' },
      ],
    });
  });

  it('when the routed event arrives before the received appeal, the status stays routed and the history has both', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher, registry } = scenario;
    const appeal = aReceivedAppeal();
    const routed = aRoutedEvent(appeal, { unit: 'dorogi', topic: 'roads' });

    await publisher.publish([{ topic: 'appeals.events', payload: routed }]);
    await waitForStatus(registry, appeal.appealId, 'routed');
    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await scenario.caughtUp();

    expect(await statusOf(registry, appeal.appealId)).toMatchObject({ status: 'routed', unit: 'dorogi', topic: 'roads', updatedAt: routed.occurredAt });
    expect((await historyOf(registry, appeal.appealId)).history.map((line) => line.type)).toEqual(['appeal.received', 'appeal.routed']);
  });

  it('when the same appeal and the same event are each delivered twice, lists each once in the history', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher, registry } = scenario;
    const appeal = aReceivedAppeal();
    const routed = aRoutedEvent(appeal);

    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await publisher.publish([{ topic: 'appeals.events', payload: routed }]);
    await publisher.publish([{ topic: 'appeals.events', payload: routed }]);
    await scenario.caughtUp();

    const { history } = await historyOf(registry, appeal.appealId);
    expect(history.map((line) => line.type)).toEqual(['appeal.received', 'appeal.routed']);
    expect(await statusOf(registry, appeal.appealId)).toMatchObject({ status: 'routed', updatedAt: routed.occurredAt });
  });

  it('when the appeal is sent to triage, shows the status triage with no unit until it is routed, and a triage that happened earlier but arrives late does not move it back', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher, registry } = scenario;
    const appeal = aReceivedAppeal();
    const triaged = aTriagedEvent(appeal);
    const routed = aRoutedEvent(appeal);
    // Another triage decision that happened before the routing but is delivered after it.
    const delayedTriage = aTriagedEvent(appeal, { occurredAt: new Date(Date.parse(triaged.occurredAt) + 500).toISOString() });

    await publisher.publish([
      { topic: 'appeals.received', payload: appeal },
      { topic: 'appeals.events', payload: triaged },
    ]);
    expect(await waitForStatus(registry, appeal.appealId, 'triage')).toEqual({
      id: appeal.appealId,
      registrationNumber: appeal.registrationNumber,
      status: 'triage',
      receivedAt: appeal.receivedAt,
      updatedAt: triaged.occurredAt,
    });

    await publisher.publish([{ topic: 'appeals.events', payload: routed }]);
    await waitForStatus(registry, appeal.appealId, 'routed');
    await publisher.publish([{ topic: 'appeals.events', payload: delayedTriage }]);
    await scenario.caughtUp();

    expect(await statusOf(registry, appeal.appealId)).toMatchObject({ status: 'routed', unit: 'zhkh', updatedAt: routed.occurredAt });
    expect((await historyOf(registry, appeal.appealId)).history).toEqual([
      { type: 'appeal.received', occurredAt: appeal.receivedAt, status: 'received' },
      { type: 'appeal.triaged', occurredAt: triaged.occurredAt, status: 'triage' },
      { type: 'appeal.triaged', occurredAt: delayedTriage.occurredAt, status: 'triage' },
      { type: 'appeal.routed', occurredAt: routed.occurredAt, status: 'routed', unit: 'zhkh', topic: 'housing' },
    ]);
  });

  it('when a routed appeal is sent back to triage later, shows triage and no longer names the unit', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher, registry } = scenario;
    const appeal = aReceivedAppeal();
    const routed = aRoutedEvent(appeal);
    const returned = aTriagedEvent(appeal, { occurredAt: new Date(Date.parse(routed.occurredAt) + 1_000).toISOString() });

    await publisher.publish([
      { topic: 'appeals.received', payload: appeal },
      { topic: 'appeals.events', payload: routed },
      { topic: 'appeals.events', payload: returned },
    ]);
    await scenario.caughtUp();

    const status = await statusOf(registry, appeal.appealId);
    expect(status).toMatchObject({ status: 'triage', updatedAt: returned.occurredAt });
    expect(status).not.toHaveProperty('unit');
    expect(status).not.toHaveProperty('topic');
  });

  it('when an event is not JSON or breaks the schema, dead-letters it with the reason and applies the next event', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const { publisher, registry, testKafka } = scenario;
    const appeal = aReceivedAppeal();
    const eventsTopic = testKafka.names.of('appeals.events');
    const notJson = '{"type": "appeal.routed", ';
    const offSchema = JSON.stringify({ ...aRoutedEvent(appeal), unit: 'Bad Unit!' });

    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await produceRaw(testKafka.kafka, eventsTopic, [
      { key: appeal.appealId, value: notJson },
      { key: appeal.appealId, value: offSchema },
    ]);
    const routed = aRoutedEvent(appeal, { unit: 'zhkh' });
    await publisher.publish([{ topic: 'appeals.events', payload: routed }]);

    expect(await waitForStatus(registry, appeal.appealId, 'routed')).toMatchObject({ unit: 'zhkh', updatedAt: routed.occurredAt });
    await scenario.caughtUp();
    const deadLetterTopic = testKafka.names.deadLetter(eventsTopic);
    expect(await countMessages(testKafka.kafka, deadLetterTopic)).toBe(2);
    const letters = (await readMessages(testKafka.kafka, deadLetterTopic, 2)).map((message) => {
      const { originalTopic, consumerGroup, reason, valueBase64 } = DeadLetter.parse(JSON.parse(message.value));
      return { key: message.key, originalTopic, consumerGroup, reason, value: Buffer.from(valueBase64 ?? '', 'base64').toString('utf8') };
    });
    expect(letters.map(({ reason: _reason, ...letter }) => letter)).toEqual([
      { key: appeal.appealId, originalTopic: eventsTopic, consumerGroup: registry.groupId, value: notJson },
      { key: appeal.appealId, originalTopic: eventsTopic, consumerGroup: registry.groupId, value: offSchema },
    ]);
    expect(letters[0]?.reason).toBe('value is not JSON');
    expect(letters[1]?.reason).toMatch(/^payload does not match appeals\.events: unit: /);
    expect((await historyOf(registry, appeal.appealId)).history.map((line) => line.type)).toEqual(['appeal.received', 'appeal.routed']);
  });
});
