import { describe, expect, it } from 'vitest';
import { MIN_HELD_OUT, POLL_MS, UsageError, isBetter, isRetrainDue, parseCount, parseDuration, type RetrainState } from './retrain-schedule.js';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describe('parseDuration', () => {
  it('when given a whole number with s, m, h or d, returns milliseconds', () => {
    expect(parseDuration('45s', '--every')).toBe(45_000);
    expect(parseDuration('30m', '--every')).toBe(30 * 60_000);
    expect(parseDuration('24h', '--every')).toBe(24 * HOUR);
    expect(parseDuration('7d', '--every')).toBe(7 * 24 * HOUR);
  });

  it.each(['', '24', 'h', '0h', '-1h', '1.5h', '1h30m', ' 24h', '24h ', '24H', '024h', 'daily', '99999999999999999d'])(
    'when given %j, throws a usage error naming the flag',
    (text) => {
      expect(() => parseDuration(text, '--every')).toThrow(UsageError);
      expect(() => parseDuration(text, '--every')).toThrow(/^--every: expected a whole number with s, m, h or d/);
    },
  );
});

describe('parseCount', () => {
  it('when given a whole number, returns it, 0 included', () => {
    expect(parseCount('20', '--min-new')).toBe(20);
    expect(parseCount('0', '--min-new')).toBe(0);
  });

  it.each(['', '-1', '2.5', '1e3', '020', 'twenty', ' 5'])('when given %j, throws a usage error naming the flag', (text) => {
    expect(() => parseCount(text, '--min-new')).toThrow(/^--min-new: expected a whole number of 0 or more/);
  });
});

describe('isRetrainDue', () => {
  const base: RetrainState = {
    now: at('2026-03-02T12:00:00Z'),
    every: 24 * HOUR,
    minNew: 20,
    lastCandidateAt: at('2026-03-01T06:00:00Z'),
    lastAttemptAt: null,
    examples: 130,
    trainedWith: 100,
  };

  it('when the interval has passed and enough examples came since the last candidate, is due', () => {
    expect(isRetrainDue(base)).toEqual({ due: true, newExamples: 30, reason: '30 new labelled examples since the last candidate (130 in all), at least 20 needed' });
  });

  it('when exactly the minimum came, is due', () => {
    expect(isRetrainDue({ ...base, examples: 120 }).due).toBe(true);
  });

  it('when too few came, is not due and looks again after the poll period', () => {
    const due = isRetrainDue({ ...base, examples: 119 });
    expect(due).toEqual({ due: false, newExamples: 19, reason: '19 new labelled examples since the last candidate (119 in all), at least 20 needed', checkInMs: POLL_MS });
  });

  it('when too few came and the interval is shorter than the poll period, looks again after the interval', () => {
    expect(isRetrainDue({ ...base, every: 60_000, examples: 101 })).toMatchObject({ due: false, newExamples: 1, checkInMs: 60_000 });
  });

  it('when the interval since the last candidate has not passed, is not due however many came, and waits for its end', () => {
    const due = isRetrainDue({ ...base, lastCandidateAt: at('2026-03-02T02:00:00Z'), examples: 5_000 });
    expect(due).toEqual({ due: false, newExamples: 4_900, reason: 'the interval ends at 2026-03-03T02:00:00.000Z', checkInMs: 14 * HOUR });
  });

  it('when this scheduler attempted a run after the last candidate (a failed run), waits the interval from the attempt', () => {
    const due = isRetrainDue({ ...base, lastAttemptAt: at('2026-03-02T11:00:00Z') });
    expect(due).toMatchObject({ due: false, checkInMs: 23 * HOUR });
  });

  it('when no candidate is stored yet, counts every example as new and is due at once', () => {
    expect(isRetrainDue({ ...base, lastCandidateAt: null, trainedWith: 0, examples: 20 })).toMatchObject({ due: true, newExamples: 20 });
  });

  it('when fewer examples are stored than the last candidate was trained with, counts none as new', () => {
    expect(isRetrainDue({ ...base, examples: 90 })).toMatchObject({ due: false, newExamples: 0 });
  });

  it('when --min-new is 0, is due on every interval', () => {
    expect(isRetrainDue({ ...base, minNew: 0, examples: 100 })).toMatchObject({ due: true, newExamples: 0 });
  });

  it('when the interval is longer than a timer can wait, waits in pieces', () => {
    const due = isRetrainDue({ ...base, every: 60 * 24 * HOUR, lastCandidateAt: base.now });
    expect(due).toMatchObject({ due: false, checkInMs: 2 ** 31 - 1 });
  });
});

describe('isBetter', () => {
  const figures = (accuracy: number, coverageAt95Precision: number) => ({ accuracy, coverageAt95Precision });

  it('when the candidate is not lower on coverage nor on accuracy, is better', () => {
    const verdict = isBetter({ examples: 40, candidate: figures(0.8, 0.55), current: figures(0.75, 0.5) });
    expect(verdict).toEqual({ better: true, reason: 'coverage at 95% precision 55.0% against 50.0%, accuracy 80.0% against 75.0% on 40 held-out labels' });
  });

  it('when both figures tie, is better (the candidate has learnt from more of the city)', () => {
    expect(isBetter({ examples: 40, candidate: figures(0.75, 0.5), current: figures(0.75, 0.5) }).better).toBe(true);
  });

  it('when coverage is lower, is not better and says so, however accuracy went', () => {
    const verdict = isBetter({ examples: 40, candidate: figures(0.9, 0.45), current: figures(0.75, 0.5) });
    expect(verdict).toEqual({ better: false, reason: 'lower coverage at 95% precision 45.0% against 50.0% on 40 held-out labels' });
  });

  it('when accuracy is lower, is not better and says so, however coverage went', () => {
    const verdict = isBetter({ examples: 40, candidate: figures(0.7, 0.6), current: figures(0.75, 0.5) });
    expect(verdict).toEqual({ better: false, reason: 'lower accuracy 70.0% against 75.0% on 40 held-out labels' });
  });

  it('when fewer labels than the minimum were held out, is not better even if both figures rose', () => {
    const verdict = isBetter({ examples: MIN_HELD_OUT - 1, candidate: figures(1, 1), current: figures(0, 0) });
    expect(verdict).toEqual({ better: false, reason: `only ${MIN_HELD_OUT - 1} held-out labels the current model has not seen; at least ${MIN_HELD_OUT} are needed to judge` });
  });

  it('when the minimum is given, judges from that many', () => {
    expect(isBetter({ examples: 5, candidate: figures(1, 1), current: figures(0, 0) }, 5).better).toBe(true);
  });
});
