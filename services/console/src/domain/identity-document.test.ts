import { IdentityDocumentKind } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { IDENTITY_DOCUMENT_NAMES, maskedSeriesNumber } from './identity-document.js';

describe('maskedSeriesNumber', () => {
  it('59-ФЗ ст. 13 ч. 2: shows a passport of the RF with its last four digits only, the spaces kept', () => {
    expect(maskedSeriesNumber('38 04 123456')).toBe('•• •• ••3456');
    expect(maskedSeriesNumber('3804123456')).toBe('••••••3456');
  });

  it('hides letters too, and shows only the last two characters of a short number', () => {
    expect(maskedSeriesNumber('АБ 1234567')).toBe('•• •••4567');
    expect(maskedSeriesNumber('12-345')).toBe('••-•45');
  });
});

describe('IDENTITY_DOCUMENT_NAMES', () => {
  it('names every kind of document the contract knows, in Russian', () => {
    expect(Object.keys(IDENTITY_DOCUMENT_NAMES).sort()).toEqual([...IdentityDocumentKind.options].sort());
  });
});
