import { randomUUID } from 'node:crypto';
import type { AppealEvent, AppealReceived, CitizenNotification } from '@priemnaya/contracts';
import { aPlatformItem } from '@priemnaya/pos-simulator';
import { waitFor, waitForCaughtUp } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { startPosScenario } from './support/pos-adapter-harness.js';

function notice(appeal: AppealReceived, kind: CitizenNotification['kind'], overrides: Partial<CitizenNotification> = {}): CitizenNotification {
  return {
    version: 1,
    notificationId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    channel: 'pos',
    kind,
    occurredAt: new Date().toISOString(),
    ...(appeal.externalId !== undefined ? { externalId: appeal.externalId } : {}),
    contacts: {},
    message: `Ваше обращение № ${appeal.registrationNumber}: ${kind}.`,
    ...overrides,
  };
}

function work(appeal: AppealReceived) {
  return {
    version: 1 as const,
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: new Date().toISOString(),
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    by: 'executor-1',
    unit: 'zhkh',
  };
}

describe('topic notifications.outbound', () => {
  it('when a platform appeal is forwarded, extended and answered, posts each status once and the answer\'s text, each notification once', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const item = aPlatformItem('appeal');
    scenario.simulator.enqueue(item);
    await scenario.startAdapter();
    const appeal = await scenario.waitForRegistered(item.id);

    const registered = notice(appeal, 'registered');
    const forwarded = notice(appeal, 'forwarded', { forwardedTo: { name: 'Прокуратура Курской области' } });
    const extended = notice(appeal, 'extended', { extension: { days: 30 } });
    const answered = notice(appeal, 'answered', { answer: { text: 'Фонарь заменён 30.11.2026.', inSubstance: true, attachments: [] } });
    // The platform fails the answer twice: the adapter retries it.
    scenario.simulator.failNext(2, { status: 503, route: 'answers' });
    // Every notification twice (a redelivery), and the events they came from, which post nothing themselves.
    const events: AppealEvent[] = [
      { ...work(appeal), type: 'appeal.forwarded', authority: { name: 'Прокуратура Курской области' } },
      { ...work(appeal), type: 'appeal.extension-approved', requestId: randomUUID(), days: 30, why: 'выезд' },
      { ...work(appeal), type: 'appeal.answered', answer: { text: 'Фонарь заменён 30.11.2026.', inSubstance: true, attachments: [] } },
    ];
    await scenario.publisher.publish(events.map((payload) => ({ topic: 'appeals.events' as const, payload })));
    await scenario.publisher.publish([registered, forwarded, extended, answered, registered, forwarded, extended, answered].map((payload) => ({ topic: 'notifications.outbound' as const, payload })));

    await waitFor(() => scenario.simulator.statusChanges().some((change) => change.status === 'answered'), { description: 'the answered status on the platform' });
    await waitForCaughtUp(scenario.testKafka.kafka, scenario.groupId, [scenario.testKafka.names.of('appeals.events'), scenario.testKafka.names.of('notifications.outbound')]);

    expect(scenario.simulator.statusChanges()).toEqual([
      expect.objectContaining({ itemId: item.id, idempotencyKey: forwarded.notificationId, status: 'forwarded', comment: forwarded.message }),
      expect.objectContaining({ itemId: item.id, idempotencyKey: extended.notificationId, status: 'extended', comment: extended.message }),
      expect.objectContaining({ itemId: item.id, idempotencyKey: answered.notificationId, status: 'answered', occurredAt: answered.occurredAt }),
    ]);
    expect(scenario.simulator.answers()).toEqual([
      expect.objectContaining({ itemId: item.id, idempotencyKey: `${answered.notificationId}:answer`, text: 'Фонарь заменён 30.11.2026.', signedBy: 'Администрация города' }),
    ]);
    // Each post reached the platform once but for the two failed answers; nothing was replayed.
    const posts = scenario.simulator.requests().filter((request) => request.route === 'status-changes' || request.route === 'answers');
    expect(posts.map((request) => [request.route, request.status])).toEqual([
      ['status-changes', 201],
      ['status-changes', 201],
      ['answers', 503],
      ['answers', 503],
      ['answers', 201],
      ['status-changes', 201],
    ]);
  });

  it('when a notification is of another channel, posts nothing', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    await scenario.startAdapter();
    const siteAppeal = { appealId: randomUUID(), registrationNumber: '00001/2026', externalId: 'not-an-item' } as AppealReceived;
    await scenario.publisher.publish([{ topic: 'notifications.outbound', payload: notice(siteAppeal, 'forwarded', { channel: 'site', forwardedTo: { name: 'Прокуратура' } }) }]);
    await waitForCaughtUp(scenario.testKafka.kafka, scenario.groupId, [scenario.testKafka.names.of('notifications.outbound')]);
    expect(scenario.simulator.requests().filter((request) => request.route === 'status-changes' || request.route === 'answers')).toEqual([]);
  });

  it('when the closing comes before the answer\'s notification, the portal gets the answer, then answered, then closed', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const item = aPlatformItem('appeal');
    scenario.simulator.enqueue(item);
    await scenario.startAdapter();
    const appeal = await scenario.waitForRegistered(item.id);
    const closed: AppealEvent = { ...work(appeal), type: 'appeal.closed', outcome: 'answered' };
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: closed }]);
    await waitForCaughtUp(scenario.testKafka.kafka, scenario.groupId, [scenario.testKafka.names.of('appeals.events')]);

    const answered = notice(appeal, 'answered', { answer: { text: 'Фонарь заменён.', inSubstance: true, attachments: [] } });
    await scenario.publisher.publish([{ topic: 'notifications.outbound', payload: answered }]);
    await waitFor(() => scenario.simulator.statusChanges().some((change) => change.status === 'closed'), { description: 'the closed status on the platform' });

    expect(scenario.simulator.statusChanges().map((change) => [change.status, change.idempotencyKey])).toEqual([
      ['answered', answered.notificationId],
      ['closed', closed.eventId],
    ]);
    expect(scenario.simulator.answers()).toHaveLength(1);
  });

  it('when the answer of an answered appeal is not posted within the hold, the closing is posted anyway', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const item = aPlatformItem('appeal');
    scenario.simulator.enqueue(item);
    await scenario.startAdapter({ closeHoldMs: 300 });
    const appeal = await scenario.waitForRegistered(item.id);
    const closed: AppealEvent = { ...work(appeal), type: 'appeal.closed', outcome: 'answered' };
    await scenario.publisher.publish([{ topic: 'appeals.events', payload: closed }]);

    await waitFor(() => scenario.simulator.statusChanges().some((change) => change.status === 'closed'), { description: 'the closed status on the platform' });
    expect(scenario.simulator.statusChanges().map((change) => [change.status, change.idempotencyKey])).toEqual([['closed', closed.eventId]]);
    // The held closing is deleted once the platform has answered the post, a moment after the simulator records it.
    await waitFor(async () => (await scenario.adapterDatabase.db.collection('held_closes').countDocuments({})) === 0, { description: 'the held closing deleted' });
  });

  it('when the adapter died after posting the answer but before posting the status, the redelivery posts only the status', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const item = aPlatformItem('appeal');
    scenario.simulator.enqueue(item);
    await scenario.startAdapter();
    const appeal = await scenario.waitForRegistered(item.id);
    const answered = notice(appeal, 'answered', { answer: { text: 'Фонарь заменён.', inSubstance: true, attachments: [] } });
    // What the dead adapter left: the claim and the answer recorded as posted (more than a day
    // ago, say: the platform no longer knows its idempotency key), no status and no outcome.
    const db = scenario.adapterDatabase.db;
    await db.collection<{ _id: string }>('notification_claims').insertOne({ _id: answered.notificationId, appealId: appeal.appealId, claimedAt: new Date() } as { _id: string });
    await db.collection<{ _id: string }>('notification_steps').insertOne({ _id: `${answered.notificationId}:answer`, appealId: appeal.appealId, doneAt: new Date() } as { _id: string });

    await scenario.publisher.publish([{ topic: 'notifications.outbound', payload: answered }]);
    await waitFor(() => scenario.simulator.statusChanges().some((change) => change.status === 'answered'), { description: 'the answered status on the platform' });
    await waitForCaughtUp(scenario.testKafka.kafka, scenario.groupId, [scenario.testKafka.names.of('notifications.outbound')]);
    expect(scenario.simulator.answers()).toEqual([]);
    expect(scenario.simulator.statusChanges()).toHaveLength(1);
  });
});
