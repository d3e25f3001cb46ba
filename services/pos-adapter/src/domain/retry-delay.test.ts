import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from './retry-delay.js';

const POLICY = { baseMs: 100, maxMs: 1_000, maxAttempts: 8 };

describe('retryDelayMs', () => {
  it('when nothing is asked for, doubles the ceiling per attempt up to the maximum and jitters below it', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, POLICY, undefined, () => 1))).toEqual([100, 200, 400, 800, 1_000]);
    expect(retryDelayMs(3, POLICY, undefined, () => 0.5)).toBe(200);
  });

  it('when the server asks for longer than the backoff, waits what it asks, but never past the maximum', () => {
    expect(retryDelayMs(1, POLICY, 700, () => 0.5)).toBe(700);
    expect(retryDelayMs(1, POLICY, 60_000, () => 0.5)).toBe(1_000);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and nothing from an absent or unreadable header', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:05 GMT', now)).toBe(5_000);
    expect([parseRetryAfter(null, now), parseRetryAfter('soon', now)]).toEqual([undefined, undefined]);
  });
});
