import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../domain/field-errors.js';
import { extensionRequestForm } from './work-forms.js';

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
