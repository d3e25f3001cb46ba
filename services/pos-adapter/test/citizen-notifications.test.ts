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
});
