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
  conductedBy: { staffId: 'deputy-2', name: 'Соколов Андрей Ильич', position: 'заместитель главы администрации' },
  identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 123456' },
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

  it('59-ФЗ ст. 13 ч. 2: a card without the official who conducted the reception or the identity document names them; a passport of the RF needs 10 digits', () => {
    const { conductedBy: _official, identityDocument: _document, ...bare } = card;
    const missing = ReceptionCardForm.safeParse(bare);
    const shortPassport = ReceptionCardForm.safeParse({ ...card, identityDocument: { kind: 'passport-rf', seriesNumber: '38 04' } });
    expect(missing.success || shortPassport.success).toBe(false);
    if (missing.success || shortPassport.success) return;
    expect(Object.keys(fieldErrors(missing.error)).sort()).toEqual(['conductedBy', 'identityDocument']);
    expect(fieldErrors(shortPassport.error)).toEqual({ 'identityDocument.seriesNumber': 'Паспорт РФ: 4 цифры серии и 6 цифр номера' });
  });

  it('59-ФЗ ст. 13 ч. 3: an answer on the spot needs the consent and the answer itself', () => {
    const result = ReceptionCardForm.safeParse({ ...card, answeredOnTheSpot: true });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({
      citizenConsentedToOralAnswer: 'Ответ на месте — только с согласия гражданина (ст. 13 ч. 3)',
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
