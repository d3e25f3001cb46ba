import { describe, expect, it } from 'vitest';
import { deskIntake, hotlineIntake, type HotlineCall, type OralAppeal } from './oral-appeal.js';

const card: OralAppeal = {
  operatorId: 'operator-7',
  idempotencyKey: 'card-1',
  citizen: { name: 'Иванова Мария Петровна', phone: '+7 900 123-45-67' },
  text: 'Не горит фонарь у дома 5',
  answeredOnTheSpot: true,
  citizenConsentedToOralAnswer: true,
  oralAnswer: 'Заявка на ремонт уже передана подрядчику',
  conductedBy: { staffId: 'deputy-2', name: 'Соколов Андрей Ильич', position: 'заместитель главы администрации' },
  identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 123456' },
};

describe('deskIntake', () => {
  it('59-ФЗ ст. 13 ч. 2-3: registers a personal reception on the desk channel with its card: the consent, the official, the identity document', () => {
    const raw = { operatorId: 'operator-7' };
    expect(deskIntake(card, raw)).toEqual({
      channel: 'desk',
      kind: 'appeal',
      oral: 'personal-reception',
      idempotencyKey: 'desk:operator-7:card-1',
      author: card.citizen,
      text: card.text,
      reception: {
        operatorId: 'operator-7',
        answeredOnTheSpot: true,
        oralAnswer: card.oralAnswer,
        citizenConsentedToOralAnswer: true,
        conductedBy: card.conductedBy,
        identityDocument: card.identityDocument,
      },
      rawPayload: raw,
    });
  });

  it('when two operators use the same key, scopes each to its operator', () => {
    const other = deskIntake({ ...card, operatorId: 'operator-8' }, {});
    expect(other.idempotencyKey).not.toBe(deskIntake(card, {}).idempotencyKey);
  });

  it('when not answered on the spot, leaves the oral answer and the problem address out', () => {
    const { oralAnswer: _answer, ...written } = card;
    const intake = deskIntake({ ...written, answeredOnTheSpot: false, citizenConsentedToOralAnswer: false }, {});
    expect(intake.reception).toEqual({
      operatorId: 'operator-7',
      answeredOnTheSpot: false,
      citizenConsentedToOralAnswer: false,
      conductedBy: card.conductedBy,
      identityDocument: card.identityDocument,
    });
    expect(intake).not.toHaveProperty('problemAddress');
  });
});

describe('hotlineIntake', () => {
  it('59-ФЗ ст. 13: a hotline call is not a personal reception: an oral appeal on the desk channel without a reception card', () => {
    const call: HotlineCall = { operatorId: 'operator-7', idempotencyKey: 'call-1', citizen: card.citizen, problemAddress: 'ул. Ленина, 5', text: card.text };
    expect(hotlineIntake(call, { via: 'phone' })).toEqual({
      channel: 'desk',
      kind: 'appeal',
      oral: 'hotline',
      idempotencyKey: 'desk:operator-7:call-1',
      author: card.citizen,
      text: card.text,
      problemAddress: 'ул. Ленина, 5',
      rawPayload: { via: 'phone' },
    });
  });
});
