import { waitFor } from '@priemnaya/testing';
import { describe, expect, it, onTestFinished } from 'vitest';
import { formatDate } from '../src/domain/citizen-wording.js';
import { notificationIdOf } from '../src/domain/notification-id.js';
import { aReceivedAppeal, lifeOf, startNotifierScenario } from './support/notifier-harness.js';

const kinds = (list: { kind: string }[]) => list.map((notification) => notification.kind).sort();

describe('topics appeals.received and appeals.events → notifications.outbound', () => {
  it('when an appeal is registered, forwarded, extended and answered, the citizen is told each through the channel it came by', async () => {
    const scenario = await startNotifierScenario(onTestFinished);
    await scenario.startNotifier();
    const appeal = aReceivedAppeal();
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await scenario.publisher.publish(lifeOf(appeal).map((payload) => ({ topic: 'appeals.events' as const, payload })));

    const told = await waitFor(() => scenario.notificationsOf(appeal.appealId).length >= 4 && scenario.notificationsOf(appeal.appealId), { description: 'four notifications' });
    expect(kinds(told)).toEqual(['answered', 'extended', 'forwarded', 'registered']);
    for (const notification of told) {
      expect(notification).toMatchObject({ channel: 'chat', externalId: appeal.externalId, registrationNumber: appeal.registrationNumber, contacts: appeal.author });
      expect(notification.message).toContain(`№ ${appeal.registrationNumber}`);
    }
    expect(told.find((n) => n.kind === 'registered')?.message).toBe(
      `Ваше обращение № ${appeal.registrationNumber} зарегистрировано ${formatDate(appeal.receivedAt, 'Europe/Moscow')}. О ходе его рассмотрения мы сообщим Вам дополнительно.`,
    );
    expect(told.find((n) => n.kind === 'extended')?.extension).toEqual({ days: 30 });
    expect(told.find((n) => n.kind === 'answered')?.answer?.text).toBe('Фонарь заменён.');
    expect(told.find((n) => n.kind === 'forwarded')?.forwardedTo).toEqual({ name: 'Прокуратура Курской области' });
    // Keyed by appeal, like every topic: the adapters see one appeal's notifications in order.
    expect(new Set(scenario.notifications.messages.filter((m) => (m.value as { appealId: string }).appealId === appeal.appealId).map((m) => m.key))).toEqual(new Set([appeal.appealId]));
  });

  it('when the events arrive before their appeal, they are parked and told once the appeal arrives', async () => {
    const scenario = await startNotifierScenario(onTestFinished);
    await scenario.startNotifier();
    const appeal = aReceivedAppeal({ channel: 'telegram', externalId: '777000:1' });
    await scenario.publisher.publish(lifeOf(appeal).map((payload) => ({ topic: 'appeals.events' as const, payload })));
    await scenario.caughtUp();
    expect(scenario.notificationsOf(appeal.appealId)).toEqual([]);

    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    const told = await waitFor(() => scenario.notificationsOf(appeal.appealId).length >= 4 && scenario.notificationsOf(appeal.appealId), { description: 'the parked notices' });
    expect(kinds(told)).toEqual(['answered', 'extended', 'forwarded', 'registered']);
    expect(told.every((notification) => notification.channel === 'telegram' && notification.externalId === '777000:1')).toBe(true);
    // Each parked notice is removed just after it is produced: the last may still be going.
    await waitFor(async () => (await scenario.database.db.collection('parked_notices').countDocuments({ appealId: appeal.appealId })) === 0, { description: 'the parked notices removed' });
  });

  it('when everything is delivered again (a redelivery, then a restart reading from the beginning), each notification is produced once', async () => {
    const scenario = await startNotifierScenario(onTestFinished);
    const first = await scenario.startNotifier();
    const appeal = aReceivedAppeal({ channel: 'pos', externalId: 'pos-item-1' });
    const events = lifeOf(appeal);
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await scenario.publisher.publish(events.map((payload) => ({ topic: 'appeals.events' as const, payload })));
    await waitFor(() => scenario.notificationsOf(appeal.appealId).length >= 4, { description: 'four notifications' });

    // The same messages again, as a producer's retry would write them.
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await scenario.publisher.publish(events.map((payload) => ({ topic: 'appeals.events' as const, payload })));
    await scenario.caughtUp();
    await first.stop();

    // A new group on the same database reads both topics from the beginning.
    const replayGroup = `${appeal.appealId}-replay`;
    await scenario.startNotifier(replayGroup);
    await scenario.caughtUp(replayGroup);
    await scenario.notifications.readToEnd();

    const ids = scenario.notificationsOf(appeal.appealId).map((notification) => notification.notificationId);
    expect(ids).toHaveLength(4);
    expect(new Set(ids).size).toBe(4);
  });

  it('when a notifier died after claiming a notification but before producing it, the redelivery produces it', async () => {
    const scenario = await startNotifierScenario(onTestFinished);
    const appeal = aReceivedAppeal();
    const notificationId = notificationIdOf(appeal.appealId, 'registered', appeal.appealId);
    // What the dead notifier left: the claim, and no mark of producing.
    await scenario.database.db.collection<{ _id: string }>('notification_claims').insertOne({ _id: notificationId, appealId: appeal.appealId, claimedAt: new Date() } as { _id: string });
    await scenario.startNotifier();
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await scenario.caughtUp();
    await scenario.notifications.readToEnd();
    expect(scenario.notificationsOf(appeal.appealId).map((notification) => notification.notificationId)).toEqual([notificationId]);
  });

  it('when the notifier first starts in a fleet with history, it tells nothing older than its first start less the grace, and keeps that instant across restarts', async () => {
    const scenario = await startNotifierScenario(onTestFinished);
    const DAY = 86_400_000;
    const now = Date.now();
    // History: an appeal registered and answered three days ago, and its answer told again
    // by nobody; an appeal registered two hours before the first start, answered now.
    const old = aReceivedAppeal({ receivedAt: new Date(now - 3 * DAY).toISOString() });
    const recent = aReceivedAppeal({ receivedAt: new Date(now - 2 * 3_600_000).toISOString() });
    await scenario.publisher.publish([old, recent].map((payload) => ({ topic: 'appeals.received' as const, payload })));
    await scenario.publisher.publish(lifeOf(old, new Date(now - 3 * DAY + 60_000).toISOString()).map((payload) => ({ topic: 'appeals.events' as const, payload })));
    const first = await scenario.startNotifier();
    await scenario.caughtUp();
    await first.stop();

    // Restarted a week later under a new group (reading everything again): the first start stays
    // the cut-off, so the old appeal's late event is not told either, and the recent one's is.
    const later = aReceivedAppeal();
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: later }]);
    await scenario.publisher.publish(lifeOf(recent).map((payload) => ({ topic: 'appeals.events' as const, payload })));
    const replayGroup = `${later.appealId}-restart`;
    await scenario.startNotifier(replayGroup, { clock: () => new Date(now + 7 * DAY) });
    await scenario.caughtUp(replayGroup);
    await scenario.notifications.readToEnd();

    expect(scenario.notificationsOf(old.appealId)).toEqual([]);
    expect(kinds(scenario.notificationsOf(recent.appealId))).toEqual(['answered', 'extended', 'forwarded', 'registered']);
    expect(kinds(scenario.notificationsOf(later.appealId))).toEqual(['registered']);
  });

  it('when the operator sets NOTIFY_SINCE (a restored database), facts from that instant on are told and older ones are not', async () => {
    const scenario = await startNotifierScenario(onTestFinished);
    const DAY = 86_400_000;
    const now = Date.now();
    const before = aReceivedAppeal({ receivedAt: new Date(now - 10 * DAY).toISOString() });
    const after = aReceivedAppeal({ receivedAt: new Date(now - 5 * DAY).toISOString() });
    await scenario.publisher.publish([before, after].map((payload) => ({ topic: 'appeals.received' as const, payload })));
    await scenario.startNotifier(undefined, { notifySince: new Date(now - 7 * DAY) });
    await scenario.caughtUp();
    await scenario.notifications.readToEnd();

    expect(scenario.notificationsOf(before.appealId)).toEqual([]);
    expect(kinds(scenario.notificationsOf(after.appealId))).toEqual(['registered']);
  });
});
