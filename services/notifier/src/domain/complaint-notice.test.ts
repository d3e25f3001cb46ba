import { randomUUID } from 'node:crypto';
import { CitizenNotification, type AppealEvent, type AppealReceived } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { addressNotice, addressOf, noticeOfEvent } from './citizen-notice.js';

const TZ = 'Europe/Moscow';

const appeal: AppealReceived = {
  version: 2,
  appealId: randomUUID(),
  registrationNumber: '12345/2026',
  channel: 'site',
  kind: 'appeal',
  receivedAt: '2026-11-23T07:00:00.000Z',
  author: { name: 'Иванова Мария Петровна', email: 'maria@example.org' },
  text: 'Обжалую бездействие отдела ЖКХ',
  attachments: [],
  raw: { format: 'json', body: {} },
  screening: [],
};
const work = {
  version: 1 as const,
  eventId: randomUUID(),
  appealId: appeal.appealId,
  registrationNumber: appeal.registrationNumber,
  occurredAt: '2026-12-01T09:00:00.000Z',
  channel: appeal.channel,
  receivedAt: appeal.receivedAt,
  by: 'executor-1',
  unit: 'zhkh',
};
const notify = (event: AppealEvent) => addressNotice(addressOf(appeal), noticeOfEvent(event)!, TZ);

describe('noticeOfEvent: complaints and forwarding', () => {
  it('59-ФЗ ст. 8 ч. 7: a returned complaint tells the citizen why, and that they may go to court', () => {
    const notification = notify({ ...work, type: 'appeal.returned-to-citizen', reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7', why: 'жалоба на единственный компетентный отдел' });
    expect(notification.kind).toBe('returned');
    expect(notification.message).toContain('№ 12345/2026 от 23.11.2026 возвращается Вам');
    expect(notification.message).toContain('решение или действие (бездействие) которых в ней обжалуется');
    expect(notification.message).toContain('в установленном порядке в суд (часть 7 статьи 8');
    // Staff words stay with staff.
    expect(notification.message).not.toContain('единственный');
    expect(CitizenNotification.safeParse(notification).success).toBe(true);
  });

  it('59-ФЗ ст. 8 ч. 4: a forwarding to several bodies names each of them', () => {
    const prosecutor = { name: 'Прокуратура города' };
    const inspection = { name: 'Государственная жилищная инспекция' };
    const notification = notify({ ...work, type: 'appeal.forwarded', authority: prosecutor, authorities: [prosecutor, inspection] });
    expect(notification.message).toContain('направлено по компетенции для рассмотрения: Прокуратура города; Государственная жилищная инспекция.');
    expect(notification.forwarding).toEqual({ authorities: [prosecutor, inspection], partial: false });
    expect(CitizenNotification.safeParse(notification).success).toBe(true);
  });

  it('59-ФЗ ст. 8 ч. 4: a partial forwarding says the rest is answered here', () => {
    const notification = notify({ ...work, type: 'appeal.forwarded', authority: { name: 'Прокуратура города' }, partial: true });
    expect(notification.message).toContain('Часть вопросов Вашего обращения № 12345/2026 от 23.11.2026 направлена по компетенции');
    expect(notification.message).toContain('на остальные вопросы ответим мы');
  });

  it('59-ФЗ ст. 4: deciding the kind tells the citizen nothing', () => {
    const { by: _by, unit: _unit, ...facts } = work;
    expect(noticeOfEvent({ ...facts, type: 'appeal.law-kind-decided', lawKind: 'complaint', decidedBy: { kind: 'staff', staffId: 'o-1' } })).toBeUndefined();
  });
});
