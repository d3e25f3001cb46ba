import { randomUUID } from 'node:crypto';
import type { AppealEvent, AppealReceived } from '@priemnaya/contracts';
import { waitFor } from '@priemnaya/testing';
import { describe, expect, it, onTestFinished } from 'vitest';
import { aReceivedAppeal, startNotifierScenario } from './support/notifier-harness.js';

function workOf(appeal: AppealReceived) {
  return {
    version: 1 as const,
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: new Date().toISOString(),
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    by: 'head-1',
    unit: 'zhkh',
  };
}

describe('topic appeals.events → notifications.outbound: terms and art. 11 decisions', () => {
  it('59-ФЗ ст. 12 ч. 2 and ст. 11 ч. 5: the citizen reads the extension\'s new date, then that the correspondence ends, and nothing for the closing', async () => {
    const scenario = await startNotifierScenario(onTestFinished);
    await scenario.startNotifier();
    const appeal = aReceivedAppeal();
    const events: AppealEvent[] = [
      { ...workOf(appeal), type: 'appeal.extension-approved', requestId: randomUUID(), days: 10, why: 'нужен выезд', newDueDate: '2027-06-11' },
      { ...workOf(appeal), type: 'appeal.correspondence-ended', decidedAs: 'supervisor', earlierAppealIds: [randomUUID(), randomUUID()], why: 'тот же вопрос' },
      { ...workOf(appeal), type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '5' },
    ];
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
    await scenario.publisher.publish(events.map((payload) => ({ topic: 'appeals.events' as const, payload })));

    const told = await waitFor(() => scenario.notificationsOf(appeal.appealId).length >= 3 && scenario.notificationsOf(appeal.appealId), { description: 'three notifications' });
    await scenario.caughtUp();
    expect(scenario.notificationsOf(appeal.appealId).map((notification) => notification.kind).sort()).toEqual(['correspondence-ended', 'extended', 'registered']);
    const extended = told.find((notification) => notification.kind === 'extended');
    expect(extended?.extension).toEqual({ days: 10, newDueDate: '2027-06-11' });
    expect(extended?.message).toContain('продлён на 10 дней, до 11.06.2027');
    const ended = told.find((notification) => notification.kind === 'correspondence-ended');
    expect(ended).toMatchObject({ channel: 'chat', externalId: appeal.externalId });
    expect(ended?.message).toContain('прекращении переписки');
    expect(ended?.message).toContain('часть 5 статьи 11 Федерального закона № 59-ФЗ');
  });
});
