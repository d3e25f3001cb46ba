import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  aReceivedAppeal,
  aRoutedEvent,
  aTriagedEvent,
  historyOf,
  startRegistryScenario,
  statusOf,
  waitForStatus,
  type RegistryScenario,
} from './support/registry-harness.js';
import { createTeardown } from './support/teardown.js';

describe('topic appeals.events', () => {
  const teardown = createTeardown();
  let scenario: RegistryScenario;

  beforeEach(async () => {
    scenario = await startRegistryScenario(teardown);
  });
  afterEach(() => teardown.run());

  it('when an appeal is received and then routed, shows it routed to the unit and lists received then routed', async () => {
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

  it('when the routed event arrives before the received appeal, the status stays routed and the history has both', async () => {
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

  it('when the same appeal and the same event are each delivered twice, lists each once in the history', async () => {
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

  it('when the appeal is sent to triage, shows the status triage with no unit', async () => {
    const { publisher, registry } = scenario;
    const appeal = aReceivedAppeal();
    const triaged = aTriagedEvent(appeal);

    await publisher.publish([
      { topic: 'appeals.received', payload: appeal },
      { topic: 'appeals.events', payload: triaged },
    ]);
    const status = await waitForStatus(registry, appeal.appealId, 'triage');

    expect(status).toEqual({
      id: appeal.appealId,
      registrationNumber: appeal.registrationNumber,
      status: 'triage',
      receivedAt: appeal.receivedAt,
      updatedAt: triaged.occurredAt,
    });
    await scenario.caughtUp();
    expect((await historyOf(registry, appeal.appealId)).history).toEqual([
      { type: 'appeal.received', occurredAt: appeal.receivedAt, status: 'received' },
      { type: 'appeal.triaged', occurredAt: triaged.occurredAt, status: 'triage' },
    ]);
  });

  it('when an appeal sent to triage is routed afterwards, shows it routed, and a late triage does not undo it', async () => {
    const { publisher, registry } = scenario;
    const appeal = aReceivedAppeal();

    await publisher.publish([
      { topic: 'appeals.received', payload: appeal },
      { topic: 'appeals.events', payload: aTriagedEvent(appeal) },
    ]);
    await waitForStatus(registry, appeal.appealId, 'triage');
    await publisher.publish([{ topic: 'appeals.events', payload: aRoutedEvent(appeal) }]);
    await waitForStatus(registry, appeal.appealId, 'routed');
    await publisher.publish([{ topic: 'appeals.events', payload: aTriagedEvent(appeal, { occurredAt: new Date(Date.parse(appeal.receivedAt) + 5_000).toISOString() }) }]);
    await scenario.caughtUp();

    expect(await statusOf(registry, appeal.appealId)).toMatchObject({ status: 'routed', unit: 'zhkh' });
    expect((await historyOf(registry, appeal.appealId)).history.map((line) => line.status)).toEqual(['received', 'triage', 'routed', 'triage']);
  });
});
