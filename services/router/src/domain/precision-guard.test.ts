import { describe, expect, it } from 'vitest';
import { DEFAULT_PRECISION_POLICY, measureWindow, nextState, policyProblem, wilsonInterval, type PrecisionPolicy, type SettledOutcome } from './precision-guard.js';

const policy: PrecisionPolicy = DEFAULT_PRECISION_POLICY;

/** `wrong` wrong outcomes among `count`, settled a minute apart, the wrong ones first (oldest). */
function outcomes(count: number, wrong: number, start = Date.UTC(2026, 2, 1)): SettledOutcome[] {
  return Array.from({ length: count }, (_, at) => ({ appealId: `a${String(at).padStart(4, '0')}`, topic: 'housing', right: at >= wrong, settledAt: new Date(start + at * 60_000) }));
}
const statsOf = (count: number, wrong: number, p: PrecisionPolicy = policy) => measureWindow(outcomes(count, wrong), p).stats;

describe('wilsonInterval', () => {
  it('with no outcomes, is [0, 1]; with all right, its upper bound is 1 and its lower bound rises with the count', () => {
    expect(wilsonInterval(0, 0, 1.645)).toEqual({ lowerBound: 0, upperBound: 1 });
    expect(wilsonInterval(20, 20, 1.645).upperBound).toBe(1);
    expect(wilsonInterval(20, 20, 1.645).lowerBound).toBeCloseTo(0.8808, 4);
    expect(wilsonInterval(100, 100, 1.645).lowerBound).toBeCloseTo(0.9737, 4);
  });

  it('matches the published interval for 91 of 100 at z 1.645, and is the plain rate at z 0', () => {
    const { lowerBound, upperBound } = wilsonInterval(91, 100, 1.645);
    expect(lowerBound).toBeCloseTo(0.8515, 4);
    expect(upperBound).toBeCloseTo(0.9469, 4);
    expect(wilsonInterval(91, 100, 0)).toEqual({ lowerBound: 0.91, upperBound: 0.91 });
  });
});

describe('measureWindow', () => {
  it('keeps the latest outcomes by when they settled and names the older ones to drop', () => {
    const { stats, beyond } = measureWindow(outcomes(105, 5), policy);
    expect(stats).toMatchObject({ outcomes: 100, right: 100, precision: 1 });
    expect(beyond).toEqual(['a0004', 'a0003', 'a0002', 'a0001', 'a0000']);
  });

  it('when outcomes settled at the same instant, every replica keeps the same ones (appeal id breaks the tie)', () => {
    const at = new Date('2026-03-01T00:00:00.000Z');
    const tied: SettledOutcome[] = ['c', 'a', 'b'].map((appealId) => ({ appealId, topic: 'roads', right: appealId !== 'c', settledAt: at }));
    expect(measureWindow(tied, { window: 2, confidenceZ: 0 })).toMatchObject({ stats: { outcomes: 2, right: 2 }, beyond: ['c'] });
    expect(measureWindow([...tied].reverse(), { window: 2, confidenceZ: 0 }).beyond).toEqual(['c']);
  });

  it('with no outcomes, has no precision', () => {
    expect(measureWindow([], policy).stats).toEqual({ outcomes: 0, right: 0, precision: null, lowerBound: 0, upperBound: 1 });
  });
});

describe('nextState', () => {
  it('when fewer outcomes than the minimum are in the window, keeps the state however many were wrong', () => {
    expect(nextState('routing', statsOf(19, 19), policy)).toBe('routing');
    expect(nextState('suspended', statsOf(19, 0), policy)).toBe('suspended');
  });

  it('suspends a routing topic at 3 wrong of 20 or 9 of 100, not at 2 of 20 or 8 of 100', () => {
    expect(nextState('routing', statsOf(20, 2), policy)).toBe('routing');
    expect(nextState('routing', statsOf(20, 3), policy)).toBe('suspended');
    expect(nextState('routing', statsOf(100, 8), policy)).toBe('routing');
    expect(nextState('routing', statsOf(100, 9), policy)).toBe('suspended');
  });

  it('resumes a suspended topic once the window is back at 95%, not before', () => {
    expect(nextState('suspended', statsOf(100, 6), policy)).toBe('suspended');
    expect(nextState('suspended', statsOf(100, 5), policy)).toBe('routing');
    expect(nextState('suspended', statsOf(20, 1), policy)).toBe('routing');
  });

  it('between the two levels, keeps either state: one outcome cannot flip a topic back and forth', () => {
    for (const wrong of [6, 7, 8]) {
      expect(nextState('routing', statsOf(100, wrong), policy)).toBe('routing');
      expect(nextState('suspended', statsOf(100, wrong), policy)).toBe('suspended');
    }
  });

  it('with z 0, compares the plain rate: suspends below the target and resumes at the resume level', () => {
    const plain: PrecisionPolicy = { ...policy, confidenceZ: 0, resumeAt: 0.97 };
    expect(nextState('routing', statsOf(100, 5, plain), plain)).toBe('routing');
    expect(nextState('routing', statsOf(100, 6, plain), plain)).toBe('suspended');
    expect(nextState('suspended', statsOf(100, 4, plain), plain)).toBe('suspended');
    expect(nextState('suspended', statsOf(100, 3, plain), plain)).toBe('routing');
  });
});

describe('policyProblem', () => {
  it('refuses a resume level below the target, a minimum beyond the window, and the plain rate without a gap', () => {
    expect(policyProblem(policy)).toBeUndefined();
    expect(policyProblem({ ...policy, resumeAt: 0.9 })).toMatch(/resume level/);
    expect(policyProblem({ ...policy, minOutcomes: 101 })).toMatch(/window/);
    expect(policyProblem({ ...policy, confidenceZ: 0 })).toMatch(/flaps/);
  });
});
