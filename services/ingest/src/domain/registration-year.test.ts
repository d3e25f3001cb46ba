import { describe, expect, it } from 'vitest';
import { registrationYear } from './registration-year.js';

describe('registrationYear', () => {
  it('when it is already New Year in the city but not in UTC, counts the new year', () => {
    const instant = new Date('2026-12-31T22:30:00Z'); // 01:30 on 1 January in Moscow
    expect(registrationYear(instant, 'Europe/Moscow')).toBe(2027);
    expect(registrationYear(instant, 'UTC')).toBe(2026);
  });
});
