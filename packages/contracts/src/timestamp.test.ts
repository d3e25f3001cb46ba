import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Timestamp } from './timestamp.js';

describe('Timestamp', () => {
  it('normalises precision and offset so that text order is time order', () => {
    const coarse = Timestamp.parse('2026-11-22T10:00:00Z');
    const fine = Timestamp.parse('2026-11-22T10:00:00.500Z');
    const shifted = Timestamp.parse('2026-11-22T13:00:00.250+03:00');
    expect([fine, coarse, shifted].sort()).toEqual(['2026-11-22T10:00:00.000Z', '2026-11-22T10:00:00.250Z', '2026-11-22T10:00:00.500Z']);
  });

  it('rejects text that is not an instant', () => {
    expect(Timestamp.safeParse('22.11.2026').success).toBe(false);
    expect(Timestamp.safeParse('2026-02-30T10:00:00.000Z').success).toBe(false);
    expect(Timestamp.safeParse('2026-11-22T10:00:60.000Z').success).toBe(false);
  });

  it('gives every instant, in whatever precision and offset it was written, as toISOString does', () => {
    const instant = fc.date({ min: new Date('0001-01-02T00:00:00.000Z'), max: new Date('9999-12-30T23:59:59.999Z'), noInvalidDate: true });
    const offsetMinutes = fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 });
    fc.assert(
      fc.property(instant, offsetMinutes, fc.constantFrom(0, 1, 3, 6), (date, offset, digits) => {
        const local = new Date(date.getTime() + offset * 60_000).toISOString();
        const fraction = digits === 0 ? '' : `.${local.slice(20, 23).padEnd(digits, '0')}`;
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
        const written = `${local.slice(0, 19)}${fraction}${zone}`;
        const expected = new Date(Math.floor(date.getTime() / 1000) * 1000 + (digits === 0 ? 0 : date.getUTCMilliseconds())).toISOString();
        expect(Timestamp.parse(written)).toBe(expected);
        expect(Timestamp.parse(date.toISOString())).toBe(date.toISOString());
      }),
    );
  });
});
