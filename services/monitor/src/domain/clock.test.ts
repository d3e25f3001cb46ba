import { describe, expect, it } from 'vitest';
import { createShiftedClock } from './clock.js';

describe('the shifted clock of end-to-end tests', () => {
  it('runs with the system time, moved forward by what it was advanced, never backward', () => {
    const clock = createShiftedClock();
    const before = Date.now();
    clock.advance(10 * 24 * 3_600_000);
    clock.advance(-5 * 24 * 3_600_000);
    const shifted = clock.now().getTime();
    expect(shifted).toBeGreaterThanOrEqual(before + 10 * 24 * 3_600_000);
    expect(shifted).toBeLessThanOrEqual(Date.now() + 10 * 24 * 3_600_000);
  });
});
