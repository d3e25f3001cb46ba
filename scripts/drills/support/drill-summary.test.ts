import { describe, expect, it } from 'vitest';
import type { LoadStats } from './appeal-load.js';
import type { Tally } from './appeal-tally.js';
import {
  doubledOf,
  formatSummary,
  judge,
  lostOf,
  parseSummaryLine,
  runFailures,
  summarize,
  summaryLine,
  summaryOfFailure,
  summaryTable,
  type DrillSummary,
  type Recovery,
} from './drill-summary.js';

function tally(overrides: { missing?: Partial<Tally['missing']>; doubled?: Partial<Tally['doubled']> } = {}): Tally {
  return {
    acknowledged: 100,
    routed: 100,
    triaged: 10,
    deliveredAsTasks: 90,
    alerted: 100,
    missing: { routing: [], task: [], alert: [], ...overrides.missing },
    doubled: { routing: [], taskMessages: [], tasks: [], feed: [], keys: [], registeredUnacknowledged: [], ...overrides.doubled },
    repeats: { received: 0, alerts: 0 },
  };
}

const load: LoadStats = { sent: 101, acknowledged: 100, retries: 40, unavailable: 37, otherFailures: 3, otherFailuresBy: { '500': 2, 'no answer': 1 }, longestAttemptMs: 1_640, unacknowledged: 1, inFlight: 0 };
const recovered: Recovery = { after: 'the database came back', worstMs: 4_230, worst: 'router', notReady: [] };

describe('lostOf and doubledOf', () => {
  it('count an appeal missing several outcomes once', () => {
    expect(lostOf(tally({ missing: { routing: ['a'], task: ['b'], alert: ['a', 'b', 'c'] } }))).toBe(3);
    expect(lostOf(tally())).toBe(0);
  });

  it('count an appeal doubled several ways once, a feed entry by its appeal, and a doubled key on its own', () => {
    const doubled = tally({ doubled: { routing: ['a'], taskMessages: ['a'], tasks: ['a'], feed: ['housing:a', 'roads:b'], keys: ['drill-1-7'] } });
    expect(doubledOf(doubled)).toBe(3);
    expect(doubledOf(tally())).toBe(0);
  });
});

describe('judge', () => {
  it('passes a drill with nothing lost or doubled and every service ready within 60 s', () => {
    expect(judge({ tally: tally(), recovery: recovered })).toEqual([]);
    expect(judge({ tally: tally(), recovery: { ...recovered, worstMs: 60_000 } })).toEqual([]);
  });

  it('fails on a loss, a double, a service slower than 60 s or never ready, saying why', () => {
    const failures = judge({ tally: tally({ missing: { task: ['x'] }, doubled: { routing: ['y'] } }), recovery: { ...recovered, worstMs: 61_500 } });
    expect(failures).toHaveLength(3);
    expect(failures[0]).toMatch(/^lost 1 .*without a task 1.*x/);
    expect(failures[1]).toMatch(/^doubled 1: routing 1/);
    expect(failures[2]).toBe('router ready only 61.5 s after the database came back, beyond the 60 s bound');
    expect(judge({ tally: tally(), recovery: { after: 'its restart', worstMs: undefined, worst: 'desk', notReady: ['desk', 'monitor'] } })).toEqual([
      'not ready 300 s after its restart: desk, monitor',
    ]);
  });
});

describe('summaries', () => {
  it('gathers the figures of a drill and prints them as one line and one JSON line that parses back', () => {
    const summary = summarize({ drill: 'freeze-database', rate: 5, seconds: 40, load, tally: tally(), recovery: recovered });
    expect(summary).toMatchObject({
      acknowledged: 100,
      lost: 0,
      doubled: 0,
      readySeconds: 4.2,
      unavailable: 37,
      otherFailures: 3,
      longestAttemptSeconds: 1.6,
      unacknowledged: 1,
      passed: true,
      failures: [],
    });
    expect(formatSummary(summary)).toBe(
      'freeze-database at 5 appeals/s for 40 s: acknowledged 100, lost 0, doubled 0, ready again 4.2 s after the database came back, ' +
        '503s seen 37, other failed attempts 3 (500: 2, no answer: 1), longest attempt 1.6 s, never acknowledged 1: PASSED',
    );
    const line = summaryLine(summary);
    expect(line.startsWith('drill-summary {')).toBe(true);
    expect(line).not.toContain('\n');
    expect(parseSummaryLine(line)).toEqual(summary);
  });

  it('ignores lines that are not summaries', () => {
    expect(parseSummaryLine('[  12 s] sent 10, acknowledged 9')).toBeUndefined();
    expect(parseSummaryLine('drill-summary {not json')).toBeUndefined();
    expect(parseSummaryLine('drill-summary {"rate": 5}')).toBeUndefined();
  });

  it('marks a drill that could not run as failed with nothing known', () => {
    const summary = summaryOfFailure({ drill: 'kill-infra', rate: 10, seconds: 60, why: 'could not run: Error: kafka-instance.sh start failed' });
    expect(summary.passed).toBe(false);
    expect(formatSummary(summary)).toBe(
      'kill-infra at 10 appeals/s for 60 s: acknowledged -, lost -, doubled -, time to ready not measured, 503s seen -, other failed attempts -, ' +
        'longest attempt -, never acknowledged -: FAILED: could not run: Error: kafka-instance.sh start failed',
    );
  });
});

describe('runFailures and summaryTable', () => {
  const passed = summarize({ drill: 'restart-kafka', rate: 10, seconds: 60, load, tally: tally(), recovery: { ...recovered, after: 'the Kafka broker came back' } });
  const slow: DrillSummary = summarize({
    drill: 'kill-infra',
    rate: 20,
    seconds: 60,
    load: { ...load, longestAttemptMs: 30_000 },
    tally: tally({ missing: { alert: ['q'] } }),
    recovery: { after: 'the Kafka broker and the database came back', worstMs: undefined, worst: 'executor', notReady: ['executor'] },
  });

  it('trusts a run that said it passed and exited 0, and nothing else', () => {
    expect(runFailures({ drill: 'restart-kafka', rate: 10, summary: passed, exitCode: 0 })).toEqual([]);
    expect(runFailures({ drill: 'restart-kafka', rate: 10, summary: passed, exitCode: 1 })).toEqual(['exited with code 1']);
    expect(runFailures({ drill: 'restart-kafka', rate: 10, summary: undefined, exitCode: null })).toEqual(['printed no summary (exit code none: killed)']);
    expect(runFailures({ drill: 'kill-infra', rate: 20, summary: slow, exitCode: 1 })).toEqual(slow.failures);
    expect(runFailures({ drill: 'kill-infra', rate: 20, summary: slow, exitCode: 0 })).toEqual([...slow.failures, 'said it failed yet exited 0']);
  });

  it('prints one Markdown table, a row a run, then the failed attempts other than 503, then why each failed one failed', () => {
    const table = summaryTable([
      { drill: 'restart-kafka', rate: 10, summary: passed, exitCode: 0 },
      { drill: 'kill-infra', rate: 20, summary: slow, exitCode: 1 },
      { drill: 'freeze-kafka', rate: 20, summary: undefined, exitCode: 1 },
    ]);
    expect(table.split('\n')).toEqual([
      '| drill | rate | acknowledged | lost | doubled | s to ready | 503s seen | longest attempt | result |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| restart-kafka | 10/s | 100 | 0 | 0 | 4.2 | 37 | 1.6 s | pass |',
      '| kill-infra | 20/s | 100 | 1 | 0 | > 300 | 37 | 30.0 s | **FAIL** |',
      '| freeze-kafka | 20/s | - | - | - | - | - | - | **FAIL** |',
      '',
      'Failed attempts other than 503:',
      '- restart-kafka at 10/s: 500: 2, no answer: 1',
      '- kill-infra at 20/s: 500: 2, no answer: 1',
      '',
      'Failed:',
      `- kill-infra at 20/s: ${slow.failures.join('; ')}`,
      '- freeze-kafka at 20/s: printed no summary (exit code 1)',
    ]);
  });
});
