import { describe, expect, it } from 'vitest';
import { ReceptionCardForm } from '../forms/reception-card.js';
import { WORK_FORMS } from '../forms/work-forms.js';
import { fieldErrors } from './field-errors.js';

const card = {
  idempotencyKey: 'card-1',
  citizen: { name: 'Петров Иван', phone: '', email: '', postalAddress: '' },
  problemAddress: '',
  text: 'Не горят фонари во дворе',
  answeredOnTheSpot: false,
  citizenConsentedToOralAnswer: false,
  oralAnswer: '',
};

describe('form errors in Russian beside each field', () => {
  it('accepts a complete reception card, blank optional fields counting as absent', () => {
    const parsed = ReceptionCardForm.parse(card);
    expect(parsed.citizen).toEqual({ name: 'Петров Иван' });
    expect(parsed.oralAnswer).toBeUndefined();
  });

  it('names every field at fault with the contracts’ rules', () => {
    const result = ReceptionCardForm.safeParse({ ...card, citizen: { ...card.citizen, name: ' ', phone: 'звоните', email: 'ivan@' }, text: '' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      'citizen.name': 'Заполните поле',
      'citizen.phone': 'Телефон: цифры, пробелы, скобки или дефисы',
      'citizen.email': 'Неверный адрес эл. почты',
      text: 'Заполните поле',
    });
  });

  it('applies art. 13: an answer on the spot needs the consent and the answer itself', () => {
    const result = ReceptionCardForm.safeParse({ ...card, answeredOnTheSpot: true });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      citizenConsentedToOralAnswer: 'Ответ на месте — только с согласия гражданина (ст. 13)',
      oralAnswer: 'Запишите ответ, данный на месте',
    });
  });

  it('limits an extension to 30 days', () => {
    const result = WORK_FORMS['extension-request'].safeParse({ days: '45', justification: 'нужен ответ подрядчика' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({ days: 'Не больше 30' });
  });
});
