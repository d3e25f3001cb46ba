import { describe, expect, it } from 'vitest';
import { formatRegistrationNumber, parseRegistrationNumber, RegistrationNumber } from './registration-number.js';

describe('formatRegistrationNumber', () => {
  it('pads the sequence to five digits and appends the year', () => {
    expect(formatRegistrationNumber(42, 2026)).toBe('00042/2026');
  });

  it('keeps sequences past 99999 whole instead of truncating them', () => {
    expect(formatRegistrationNumber(123456, 2026)).toBe('123456/2026');
  });

  it('when the sequence is not positive, throws', () => {
    expect(() => formatRegistrationNumber(0, 2026)).toThrow(RangeError);
    expect(() => formatRegistrationNumber(1.5, 2026)).toThrow(RangeError);
  });

  it('round-trips through parse and the schema', () => {
    const value = formatRegistrationNumber(7, 2027);
    expect(RegistrationNumber.parse(value)).toBe(value);
    expect(parseRegistrationNumber(value)).toEqual({ sequence: 7, year: 2027 });
  });

  it('when the text is not a registration number, parse throws', () => {
    expect(() => parseRegistrationNumber('42/2026')).toThrow(RangeError);
  });
});
