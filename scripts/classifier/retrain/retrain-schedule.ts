/** A flag's value the scheduler cannot use: the message names the flag and says what it takes. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * A duration such as `30m`, `24h` or `7d`: one whole number of seconds, minutes, hours or days.
 * Nothing else is accepted (no `1.5h`, no `1h30m`, no bare number), so a typo fails at start-up
 * instead of retraining every few milliseconds.
 */
export function parseDuration(text: string, flag: string): number {
  const match = /^([1-9][0-9]*)([smhd])$/.exec(text);
  const count = Number(match?.[1]);
  const unit = match?.[2] as keyof typeof UNIT_MS | undefined;
  const ms = unit === undefined ? Number.NaN : count * UNIT_MS[unit];
  if (!Number.isSafeInteger(ms)) throw new UsageError(`${flag}: expected a whole number with s, m, h or d (e.g. 30m, 24h, 7d), got ${JSON.stringify(text)}`);
  return ms;
}

/** A count such as `20`: a whole number, 0 or more. */
export function parseCount(text: string, flag: string): number {
  const count = /^(0|[1-9][0-9]*)$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(count)) throw new UsageError(`${flag}: expected a whole number of 0 or more, got ${JSON.stringify(text)}`);
  return count;
}

/** While the interval has passed but too few new examples came, how often the scheduler looks again. */
export const POLL_MS = 5 * 60_000;
// setTimeout fires at once past 2^31-1 ms (about 24.8 days); a longer wait is taken in pieces.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export interface RetrainState {
  readonly now: Date;
  /** `--every`, in milliseconds. */
  readonly every: number;
  /** `--min-new`. */
  readonly minNew: number;
  /** When the newest stored candidate was built (by this scheduler or by hand); null when none is. */
  readonly lastCandidateAt: Date | null;
  /** When this scheduler last started a run, whether it stored a candidate or failed; null before its first. */
  readonly lastAttemptAt: Date | null;
  /** How many labelled examples the router holds now. */
  readonly examples: number;
  /** How many the newest stored candidate was trained with (0 when none is). */
  readonly trainedWith: number;
}

export type RetrainDue =
  | { readonly due: true; readonly newExamples: number; readonly reason: string }
  | { readonly due: false; readonly newExamples: number; readonly reason: string; readonly checkInMs: number };

/**
 * Whether to retrain now: the interval has passed since the later of the newest candidate and
 * this scheduler's last attempt (so a failed run waits a whole interval too), and at least
 * `minNew` examples arrived beyond those the newest candidate was trained with. Examples are
 * never deleted and a repeat is stored once, so the count only grows and the difference is
 * exactly what no candidate has seen yet. When not due, says when to look again.
 */
export function isRetrainDue(state: RetrainState): RetrainDue {
  const newExamples = Math.max(0, state.examples - state.trainedWith);
  const since = Math.max(state.lastCandidateAt?.getTime() ?? Number.NEGATIVE_INFINITY, state.lastAttemptAt?.getTime() ?? Number.NEGATIVE_INFINITY);
  const remaining = since + state.every - state.now.getTime();
  if (remaining > 0) {
    const endsAt = new Date(since + state.every).toISOString();
    return { due: false, newExamples, reason: `the interval ends at ${endsAt}`, checkInMs: Math.min(remaining, LONGEST_TIMER_MS) };
  }
  const counted = `${newExamples} new labelled example${newExamples === 1 ? '' : 's'} since the last candidate (${state.examples} in all), at least ${state.minNew} needed`;
  if (newExamples < state.minNew) return { due: false, newExamples, reason: counted, checkInMs: Math.min(state.every, POLL_MS) };
  return { due: true, newExamples, reason: counted };
}

/** A model's figures on the held-out part of people's labels. */
export interface HeldOutFigures {
  readonly accuracy: number;
  readonly coverageAt95Precision: number;
}

export interface HeldOutComparison {
  /** How many held-out labels both models were tested on. */
  readonly examples: number;
  readonly candidate: HeldOutFigures;
  readonly current: HeldOutFigures;
}

/**
 * Below this many held-out labels one appeal moves either figure by 5 points or more: too
 * noisy to let a model route on its own, so the candidate waits for a person.
 */
export const MIN_HELD_OUT = 20;

const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;

/**
 * Whether the candidate may replace the current model: on the same held-out labels, neither its
 * coverage at 95% precision nor its accuracy is lower. "Not lower" rather than "higher": the
 * candidate has learnt from more of the city, and a tie on what can be measured keeps that.
 */
export function isBetter(comparison: HeldOutComparison, minHeldOut: number = MIN_HELD_OUT): { better: boolean; reason: string } {
  const { examples, candidate, current } = comparison;
  if (examples < minHeldOut) return { better: false, reason: `only ${examples} held-out labels the current model has not seen; at least ${minHeldOut} are needed to judge` };
  const coverage = `coverage at 95% precision ${percent(candidate.coverageAt95Precision)} against ${percent(current.coverageAt95Precision)}`;
  const accuracy = `accuracy ${percent(candidate.accuracy)} against ${percent(current.accuracy)}`;
  const on = `on ${examples} held-out labels`;
  if (candidate.coverageAt95Precision < current.coverageAt95Precision) return { better: false, reason: `lower ${coverage} ${on}` };
  if (candidate.accuracy < current.accuracy) return { better: false, reason: `lower ${accuracy} ${on}` };
  return { better: true, reason: `${coverage}, ${accuracy} ${on}` };
}
