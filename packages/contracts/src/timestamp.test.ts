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
  });
});
