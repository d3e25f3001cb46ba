import type { RoutingTopic } from '@priemnaya/contracts';

/**
 * How the live precision guard judges a topic. The rule, in short: a topic is suspended once its
 * window holds at least `minOutcomes` settled outcomes and the upper Wilson bound of its precision
 * is below `target` (the outcomes show, beyond the noise of a window that size, that it is below
 * the target); it resumes once its measured precision is back at `resumeAt` or above. The gap
 * between the bound and the rate is the hysteresis: one outcome cannot flip the state back and forth.
 */
export interface PrecisionPolicy {
  /** The precision auto-routing must keep, 0.95: the models' thresholds are chosen for it. */
  target: number;
  /** A suspended topic resumes at this measured precision or above; at least `target`. */
  resumeAt: number;
  /** The last this many settled outcomes of a topic are its window. */
  window: number;
  /** Below this many outcomes in the window the state does not change, so one early error cannot stop a topic. */
  minOutcomes: number;
  /** The z of the Wilson bound (1.645: one-sided 95%); 0 compares the plain rate with the target. */
  confidenceZ: number;
}

/**
 * The defaults: a window of 100 outcomes is a few days of the city's busiest topic and a month or
 * more of a small one; with at least 20 outcomes and z 1.645 a topic is suspended at 3 wrong of 20
 * (85%) or 9 wrong of 100 (91%), not at 2 of 20 or 8 of 100, and resumes once the window is back at
 * 95% (at most 5 wrong of 100).
 */
export const DEFAULT_PRECISION_POLICY: PrecisionPolicy = { target: 0.95, resumeAt: 0.95, window: 100, minOutcomes: 20, confidenceZ: 1.645 };

export type GuardState = 'routing' | 'suspended';

/** A settled outcome of an auto-routed appeal, or of an appeal the guard held back ("shadow"). */
export interface SettledOutcome {
  appealId: string;
  topic: RoutingTopic;
  right: boolean;
  settledAt: Date;
}

/** A topic's window as measured: the outcomes in it, how many were right, the rate and its Wilson interval. */
export interface WindowStats {
  outcomes: number;
  right: number;
  /** right / outcomes; null while the window is empty. */
  precision: number | null;
  lowerBound: number;
  upperBound: number;
}

/**
 * The Wilson score interval of a proportion: unlike the normal approximation it stays inside
 * [0, 1] and means something for small windows and for rates near 1, which is where a
 * classifier's precision lives. With no outcomes, it is [0, 1].
 */
export function wilsonInterval(right: number, outcomes: number, z: number): { lowerBound: number; upperBound: number } {
  if (outcomes === 0) return { lowerBound: 0, upperBound: 1 };
  const rate = right / outcomes;
  const z2 = z * z;
  const denominator = 1 + z2 / outcomes;
  const centre = (rate + z2 / (2 * outcomes)) / denominator;
  const half = (z / denominator) * Math.sqrt((rate * (1 - rate)) / outcomes + z2 / (4 * outcomes * outcomes));
  return { lowerBound: Math.max(0, centre - half), upperBound: Math.min(1, centre + half) };
}

/**
 * A topic's window: its latest `policy.window` outcomes by when they settled (appeal id breaking
 * ties, so every replica picks the same ones), their figures, and the older outcomes that fell
 * out of it and may be dropped.
 */
export function measureWindow(outcomes: readonly SettledOutcome[], policy: Pick<PrecisionPolicy, 'window' | 'confidenceZ'>): { stats: WindowStats; beyond: string[] } {
  const latestFirst = [...outcomes].sort((a, b) => b.settledAt.getTime() - a.settledAt.getTime() || (a.appealId < b.appealId ? -1 : a.appealId > b.appealId ? 1 : 0));
  const kept = latestFirst.slice(0, policy.window);
  const right = kept.filter((outcome) => outcome.right).length;
  const stats: WindowStats = {
    outcomes: kept.length,
    right,
    precision: kept.length === 0 ? null : right / kept.length,
    ...wilsonInterval(right, kept.length, policy.confidenceZ),
  };
  return { stats, beyond: latestFirst.slice(policy.window).map((outcome) => outcome.appealId) };
}

// A rate computed as right / outcomes may land a hair below a resume level written as a decimal.
const EPSILON = 1e-9;

/** The state a topic should be in after its window was measured, given the state it is in. */
export function nextState(current: GuardState, stats: WindowStats, policy: PrecisionPolicy): GuardState {
  if (stats.outcomes < policy.minOutcomes || stats.precision === null) return current;
  if (current === 'routing') return stats.upperBound < policy.target - EPSILON ? 'suspended' : 'routing';
  return stats.precision >= policy.resumeAt - EPSILON ? 'routing' : 'suspended';
}

/** Why a policy cannot work, or undefined: checked where the configuration is read. */
export function policyProblem(policy: PrecisionPolicy): string | undefined {
  if (policy.resumeAt < policy.target) return 'the resume level must not be below the target';
  if (policy.minOutcomes > policy.window) return 'the minimum number of outcomes must fit in the window';
  if (policy.confidenceZ === 0 && policy.resumeAt <= policy.target) return 'with the plain rate (z 0) the resume level must be above the target, or a topic flaps on one outcome';
  return undefined;
}
