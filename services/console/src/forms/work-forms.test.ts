import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../domain/field-errors.js';
import { extensionRequestForm, WORK_FORMS } from './work-forms.js';

describe('extensionRequestForm', () => {
  it('59-ФЗ ст. 12 ч. 2: bounds the days by what the extension rule still allows on the appeal, not by a fixed 30', () => {
    const form = extensionRequestForm(10);
    const tooMany = form.safeParse({ days: '11', justification: 'нужен ответ подрядчика' });
    expect(tooMany.success).toBe(false);
    if (tooMany.success) return;
    expect(fieldErrors(tooMany.error)).toEqual({ days: 'Не больше 10' });
    expect(form.safeParse({ days: '10', justification: 'нужен ответ подрядчика' })).toMatchObject({ success: true, data: { days: 10 } });
  });

  it('keeps the field\'s own bound when the rule reports more than one event may carry', () => {
    const result = extensionRequestForm(45).safeParse({ days: '31', justification: 'нужен ответ подрядчика' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({ days: 'Не больше 30' });
  });
});

describe('the tags form', () => {
  it('59-ФЗ ст. 12 ч. 1.1: takes the migration-law tag, and says in Russian what is wrong with a malformed or repeated one', () => {
    expect(WORK_FORMS.tags.safeParse({ tags: ['migration-law'] })).toMatchObject({ success: true, data: { tags: ['migration-law'] } });
    const malformed = WORK_FORMS.tags.safeParse({ tags: ['Миграция'] });
    expect(malformed.success).toBe(false);
    if (malformed.success) return;
    expect(fieldErrors(malformed.error)).toEqual({ 'tags.0': 'Неверный формат' });
    const repeated = WORK_FORMS.tags.safeParse({ tags: ['migration-law', 'migration-law'] });
    expect(repeated.success).toBe(false);
    if (repeated.success) return;
    expect(fieldErrors(repeated.error)).toEqual({ tags: 'Метка указана дважды' });
  });
});
