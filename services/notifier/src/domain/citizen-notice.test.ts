import { randomUUID } from 'node:crypto';
import { CitizenNotification, type AppealEvent, type AppealReceived } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { addressNotice, addressOf, noticeOfEvent, registeredNotice } from './citizen-notice.js';
import { daysInRussian, MESSAGE_MAX_LENGTH } from './citizen-wording.js';
import { notificationIdOf } from './notification-id.js';

const TZ = 'Europe/Moscow';

function anAppeal(overrides: Partial<AppealReceived> = {}): AppealReceived {
  return {
    version: 2,
    appealId: randomUUID(),
    registrationNumber: '12345/2026',
    channel: 'telegram',
    kind: 'appeal',
    externalId: '4242:1',
    // 21:30 UTC is already the next day in Moscow.
    receivedAt: '2026-11-22T21:30:00.000Z',
    author: { name: 'Иванова Мария Петровна', email: 'maria@example.org' },
    text: 'Во дворе не горит фонарь',
    attachments: [],
    raw: { format: 'json', body: {} },
    screening: [],
    ...overrides,
  };
}

const work = (appeal: AppealReceived) => ({
  version: 1 as const,
  eventId: randomUUID(),
  appealId: appeal.appealId,
  registrationNumber: appeal.registrationNumber,
  occurredAt: '2026-12-01T09:00:00.000Z',
  channel: appeal.channel,
  receivedAt: appeal.receivedAt,
  by: 'executor-1',
  unit: 'zhkh',
});

describe('registeredNotice', () => {
  it('names the registration number and the date of registration in the city', () => {
    const appeal = anAppeal();
    const notification = addressNotice(addressOf(appeal), registeredNotice(appeal), TZ);
    expect(notification.message).toBe('Ваше обращение № 12345/2026 зарегистрировано 23.11.2026. О ходе его рассмотрения мы сообщим Вам дополнительно.');
    expect(notification).toMatchObject({ kind: 'registered', channel: 'telegram', externalId: '4242:1', contacts: { name: 'Иванова Мария Петровна', email: 'maria@example.org' } });
    expect(CitizenNotification.safeParse(notification).success).toBe(true);
  });

  it('when the appeal has no external id (a desk appeal), the notification has none either', () => {
    const appeal = anAppeal({ channel: 'desk', externalId: undefined, author: { postalAddress: 'Курск, ул. Ленина, 1' } });
    const notification = addressNotice(addressOf(appeal), registeredNotice(appeal), TZ);
    expect(notification.externalId).toBeUndefined();
    expect(notification.contacts).toEqual({ postalAddress: 'Курск, ул. Ленина, 1' });
  });
});

describe('noticeOfEvent', () => {
  it('forwarded: tells where the appeal went', () => {
    const appeal = anAppeal();
    const event: AppealEvent = { ...work(appeal), type: 'appeal.forwarded', authority: { name: 'Государственная жилищная инспекция Курской области' } };
    const notification = addressNotice(addressOf(appeal), noticeOfEvent(event)!, TZ);
    expect(notification.kind).toBe('forwarded');
    expect(notification.forwardedTo).toEqual(event.authority);
    expect(notification.message).toContain('№ 12345/2026 от 23.11.2026 направлено по компетенции');
    expect(notification.message).toContain('Государственная жилищная инспекция Курской области');
    expect(CitizenNotification.safeParse(notification).success).toBe(true);
  });

  it('extension approved: "extended" with the days', () => {
    const appeal = anAppeal();
    const event: AppealEvent = { ...work(appeal), type: 'appeal.extension-approved', requestId: randomUUID(), days: 21, why: 'нужен выезд на место' };
    const notification = addressNotice(addressOf(appeal), noticeOfEvent(event)!, TZ);
    expect(notification).toMatchObject({ kind: 'extended', extension: { days: 21 } });
    expect(notification.message).toContain('продлён на 21 день');
    // Staff words stay with staff.
    expect(notification.message).not.toContain('выезд');
  });

  it('answered: carries the answer and quotes it in the message', () => {
    const appeal = anAppeal();
    const answer = { text: 'Фонарь заменён 30.11.2026.', inSubstance: true, attachments: [] };
    const event: AppealEvent = { ...work(appeal), type: 'appeal.answered', answer };
    const notification = addressNotice(addressOf(appeal), noticeOfEvent(event)!, TZ);
    expect(notification.answer).toEqual(answer);
    expect(notification.message).toBe('Дан ответ на Ваше обращение № 12345/2026 от 23.11.2026:\n\nФонарь заменён 30.11.2026.');
  });

  it('answered with a long answer: the message is cut to the limit and says so; the answer stays whole', () => {
    const appeal = anAppeal();
    const answer = { text: 'Ответ. '.repeat(2_000).trim(), inSubstance: true, attachments: [] };
    const notification = addressNotice(addressOf(appeal), noticeOfEvent({ ...work(appeal), type: 'appeal.answered', answer })!, TZ);
    expect(notification.message.length).toBeLessThanOrEqual(MESSAGE_MAX_LENGTH);
    // A Telegram appeal: ingest sends the whole answer after the heading.
    expect(notification.message.endsWith('Полный текст ответа приведён ниже.')).toBe(true);
    expect(notification.answer?.text).toBe(answer.text);
    expect(CitizenNotification.safeParse(notification).success).toBe(true);
    const desk = anAppeal({ channel: 'desk', externalId: undefined, author: { postalAddress: 'Курск, ул. Ленина, 1' } });
    const written = addressNotice(addressOf(desk), noticeOfEvent({ ...work(desk), type: 'appeal.answered', answer })!, TZ);
    expect(written.message.endsWith('Полный текст ответа направлен Вам в письменной форме.')).toBe(true);
  });

  it('internal steps tell the citizen nothing', () => {
    const appeal = anAppeal();
    expect(noticeOfEvent({ ...work(appeal), type: 'appeal.accepted' })).toBeUndefined();
    expect(noticeOfEvent({ ...work(appeal), type: 'appeal.extension-refused', requestId: randomUUID(), why: 'нет оснований' })).toBeUndefined();
    expect(noticeOfEvent({ ...work(appeal), type: 'appeal.closed', outcome: 'answered' })).toBeUndefined();
  });

  it('the same event gives the same notification id; another event or kind another one', () => {
    const appeal = anAppeal();
    const event: AppealEvent = { ...work(appeal), type: 'appeal.forwarded', authority: { name: 'Прокуратура' } };
    expect(noticeOfEvent(event)?.notificationId).toBe(noticeOfEvent({ ...event })?.notificationId);
    expect(noticeOfEvent({ ...event, eventId: randomUUID() })?.notificationId).not.toBe(noticeOfEvent(event)?.notificationId);
    expect(notificationIdOf(appeal.appealId, 'registered', appeal.appealId)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('daysInRussian', () => {
  it.each([
    [1, '1 день'],
    [2, '2 дня'],
    [5, '5 дней'],
    [11, '11 дней'],
    [14, '14 дней'],
    [21, '21 день'],
    [22, '22 дня'],
    [30, '30 дней'],
  ])('%i → %s', (days, words) => {
    expect(daysInRussian(days)).toBe(words);
  });
});
