import { describe, expect, it } from 'vitest';
import { isBeforeCutOff, notifyCutOff } from './notify-cut-off.js';

const DAY = 86_400_000;

describe('notifyCutOff', () => {
  it('is the first start less the grace, unless the operator names the instant', () => {
    const firstStart = new Date('2026-11-23T10:00:00.000Z');
    expect(notifyCutOff(firstStart, DAY)).toEqual(new Date('2026-11-22T10:00:00.000Z'));
    expect(notifyCutOff(firstStart, DAY, new Date('2026-01-01T00:00:00.000Z'))).toEqual(new Date('2026-01-01T00:00:00.000Z'));
  });

  it('tells facts from the cut-off on, and not those before it', () => {
    const cutOff = new Date('2026-11-22T10:00:00.000Z');
    expect(isBeforeCutOff('2026-11-22T09:59:59.999Z', cutOff)).toBe(true);
    expect(isBeforeCutOff('2026-11-22T10:00:00.000Z', cutOff)).toBe(false);
    expect(isBeforeCutOff('2026-11-23T08:00:00+03:00', cutOff)).toBe(false);
  });
});
