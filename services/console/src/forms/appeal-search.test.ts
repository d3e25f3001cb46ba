import { describe, expect, it } from 'vitest';
import { AppealSearchForm, searchQueryOf } from './appeal-search.js';

describe('the staff search form', () => {
  it('59-ФЗ ст. 4: searches by the kind and by the unit complaints contest, leaving empty fields out', () => {
    const form = AppealSearchForm.parse({ registrationNumber: '', unit: ' ', status: '', lawKind: 'complaint', complaintUnit: 'zhkh' });
    expect(searchQueryOf(form)).toBe('lawKind=complaint&complaintUnit=zhkh&limit=50');
  });

  it('59-ФЗ ст. 4: a kind outside the law’s list is refused, naming the field', () => {
    const result = AppealSearchForm.safeParse({ lawKind: 'petition' });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))).toEqual(['lawKind']);
  });
});
