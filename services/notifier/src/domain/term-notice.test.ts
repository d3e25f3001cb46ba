import { randomUUID } from 'node:crypto';
import { CitizenNotification, type AppealEvent, type AppealReceived } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { addressNotice, addressOf, noticeOfEvent } from './citizen-notice.js';
import { notificationIdOf } from './notification-id.js';

const TZ = 'Europe/Moscow';
const appeal: AppealReceived = {
  version: 2,
  appealId: randomUUID(),
  registrationNumber: '12346/2027',
  channel: 'site',
  kind: 'appeal',
  receivedAt: '2027-04-12T07:00:00.000Z',
  author: { name: 'Петров Иван Сергеевич', email: 'ivan@example.org' },
  text: 'Снова прошу проверить начисления',
  attachments: [],
  raw: { format: 'json', body: {} },
  screening: [],
};
const work = {
  version: 1 as const,
  eventId: randomUUID(),
  appealId: appeal.appealId,
  registrationNumber: appeal.registrationNumber,
  occurredAt: '2027-05-05T09:00:00.000Z',
  channel: appeal.channel,
  receivedAt: appeal.receivedAt,
  by: 'head-1',
  unit: 'zhkh',
};

describe('citizen notices of extensions and of ending the correspondence', () => {
  it('59-ФЗ ст. 12 ч. 2: the extension notice gives the new date the event carries, as the city reads it', () => {
    const event: AppealEvent = { ...work, type: 'appeal.extension-approved', requestId: randomUUID(), days: 30, why: 'запрос в другой орган', newDueDate: '2027-06-11' };
    const notification = addressNotice(addressOf(appeal), noticeOfEvent(event)!, TZ);
    expect(notification.extension).toEqual({ days: 30, newDueDate: '2027-06-11' });
    expect(notification.message).toBe(
      'Срок рассмотрения Вашего обращения № 12346/2027 от 12.04.2027 продлён на 30 дней, до 11.06.2027 (часть 2 статьи 12 Федерального закона № 59-ФЗ). Приносим извинения за задержку.',
    );
    expect(CitizenNotification.safeParse(notification).success).toBe(true);
  });

  it('59-ФЗ ст. 11 ч. 5: the citizen is told the correspondence ends, citing the part, without the head\'s words', () => {
    const event: AppealEvent = {
      ...work,
      type: 'appeal.correspondence-ended',
      decidedAs: 'head',
      earlierAppealIds: [randomUUID(), randomUUID()],
      why: 'вопрос о начислениях, ответы 03/2027 и 07/2027',
    };
    const notice = noticeOfEvent(event)!;
    expect(notice).toMatchObject({ kind: 'correspondence-ended', notificationId: notificationIdOf(appeal.appealId, 'correspondence-ended', event.eventId) });
    const notification = addressNotice(addressOf(appeal), notice, TZ);
    expect(notification.message).toContain('по Вашему обращению № 12346/2027 от 12.04.2027 принято решение о безосновательности очередного обращения и прекращении переписки');
    expect(notification.message).toContain('(часть 5 статьи 11 Федерального закона № 59-ФЗ)');
    expect(notification.message).not.toContain('начислениях');
    expect(CitizenNotification.safeParse(notification).success).toBe(true);
  });

  it('the closing that follows the decision tells nothing more, so the citizen hears it once', () => {
    const closed: AppealEvent = { ...work, eventId: randomUUID(), type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '5' };
    expect(noticeOfEvent(closed)).toBeUndefined();
  });
});
