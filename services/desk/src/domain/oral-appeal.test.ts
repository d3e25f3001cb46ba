import { describe, expect, it } from 'vitest';
import { deskIntake, type OralAppeal } from './oral-appeal.js';

const card: OralAppeal = {
  operatorId: 'operator-7',
  idempotencyKey: 'card-1',
  citizen: { name: 'Иванова Мария Петровна', phone: '+7 900 123-45-67' },
  text: 'Не горит фонарь у дома 5',
  answeredOnTheSpot: true,
  citizenConsentedToOralAnswer: true,
  oralAnswer: 'Заявка на ремонт уже передана подрядчику',
};

describe('deskIntake', () => {
  it('registers the card on the desk channel with its reception card and the request as received', () => {
    const raw = { operatorId: 'operator-7' };
    expect(deskIntake(card, raw)).toEqual({
      channel: 'desk',
      kind: 'appeal',
      idempotencyKey: 'desk:operator-7:card-1',
      author: card.citizen,
      text: card.text,
      reception: { operatorId: 'operator-7', answeredOnTheSpot: true, oralAnswer: card.oralAnswer },
      rawPayload: raw,
    });
  });

  it('when two operators use the same key, scopes each to its operator', () => {
    const other = deskIntake({ ...card, operatorId: 'operator-8' }, {});
    expect(other.idempotencyKey).not.toBe(deskIntake(card, {}).idempotencyKey);
  });

  it('when not answered on the spot, leaves the oral answer and the problem address out', () => {
    const { oralAnswer: _answer, ...written } = card;
    const intake = deskIntake({ ...written, answeredOnTheSpot: false }, {});
    expect(intake.reception).toEqual({ operatorId: 'operator-7', answeredOnTheSpot: false });
    expect(intake).not.toHaveProperty('problemAddress');
  });
});
