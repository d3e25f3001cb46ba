import type { LoadStats } from './appeal-load.js';
import type { Tally } from './appeal-tally.js';

/** A service must be ready again this soon after the dependency it lost came back (or after its own restart). */
export const READY_BOUND_MS = 60_000;
/** How long a drill keeps waiting for the services to be ready again, to report the real figure. */
export const READY_REPORT_MS = 300_000;
/** The prefix of the one JSON line a drill prints about itself, for a script to collect. */
export const SUMMARY_PREFIX = 'drill-summary ';

/** How the fleet came back after a drill's disruption ended. */
export interface Recovery {
  /** What the time to ready counts from, as said: "the database came back", "its restart". */
  after: string;
  /** The longest any service took to be ready again (ms), or undefined when one was not ready in READY_REPORT_MS. */
  worstMs: number | undefined;
  /** The service that took longest (or the first of those never ready). */
  worst: string | undefined;
  /** Services not ready READY_REPORT_MS after it. */
  notReady: string[];
}

/** What a drill prints about itself at the end, once as a line for people and once as JSON. */
export interface DrillSummary {
  drill: string;
  /** Appeals a second the load sent, and for how long. */
  rate: number;
  seconds: number;
  /** Distinct appeals acknowledged 202. */
  acknowledged: number | null;
  /** Acknowledged appeals without a routing decision, a task (when routed to a unit) or an alert. */
  lost: number | null;
  /** Appeals (or Idempotency-Keys) given two outcomes where they must have one. */
  doubled: number | null;
  /** Seconds until every service was ready again (see `readyAfter`); null when not within READY_REPORT_MS or not measured. */
  readySeconds: number | null;
  readyAfter: string | null;
  /** Services not ready READY_REPORT_MS after the disruption ended. */
  notReady: string[];
  /** Answers 503 the load's clients saw, other failed attempts, and the longest one attempt waited (s). */
  unavailable: number | null;
  otherFailures: number | null;
  /** Those other failures by HTTP status, or "no answer". */
  otherFailuresBy: Record<string, number> | null;
  longestAttemptSeconds: number | null;
  /** Appeals never acknowledged (refused, or given up on after minutes of retries): shown, not judged. */
  unacknowledged: number | null;
  passed: boolean;
  /** Why it failed; empty when it passed. */
  failures: string[];
}

/** Acknowledged appeals that are missing any outcome they must have: counted once each. */
export function lostOf(tally: Pick<Tally, 'missing'>): number {
  return new Set([...tally.missing.routing, ...tally.missing.task, ...tally.missing.alert]).size;
}

/**
 * Appeals given two outcomes, each counted once whatever the number of ways it was doubled (two
 * routing decisions usually mean two task messages and two tasks too); a key acknowledged with two
 * appeal ids counts on its own.
 */
export function doubledOf(tally: Pick<Tally, 'doubled'>): number {
  const { routing, taskMessages, tasks, feed, keys, registeredUnacknowledged } = tally.doubled;
  const appeals = new Set([...routing, ...taskMessages, ...tasks, ...registeredUnacknowledged]);
  // A feed entry is named `unit:appealId`.
  for (const entry of feed) appeals.add(entry.slice(entry.indexOf(':') + 1));
  return appeals.size + new Set(keys).size;
}

/** Why a drill failed: any loss, any double, a service not ready within READY_BOUND_MS. Empty: it passed. */
export function judge(input: { tally: Pick<Tally, 'missing' | 'doubled'>; recovery: Recovery }): string[] {
  const { tally, recovery } = input;
  const failures: string[] = [];
  const lost = lostOf(tally);
  if (lost > 0) {
    const { routing, task, alert } = tally.missing;
    failures.push(`lost ${lost} acknowledged appeal(s): without routing ${routing.length}, without a task ${task.length}, without an alert ${alert.length} (e.g. ${[...routing, ...task, ...alert].slice(0, 3).join(', ')})`);
  }
  const doubled = doubledOf(tally);
  if (doubled > 0) {
    const kinds = Object.entries(tally.doubled)
      .filter(([, ids]) => ids.length > 0)
      .map(([kind, ids]) => `${kind} ${ids.length} (e.g. ${ids.slice(0, 2).join(', ')})`);
    failures.push(`doubled ${doubled}: ${kinds.join('; ')}`);
  }
  if (recovery.worstMs === undefined) {
    failures.push(`not ready ${READY_REPORT_MS / 1000} s after ${recovery.after}: ${recovery.notReady.join(', ') || recovery.worst || 'a service'}`);
  } else if (recovery.worstMs > READY_BOUND_MS) {
    failures.push(`${recovery.worst ?? 'a service'} ready only ${seconds(recovery.worstMs)} s after ${recovery.after}, beyond the ${READY_BOUND_MS / 1000} s bound`);
  }
  return failures;
}

/** The summary of a drill that ran to the end. */
export function summarize(input: { drill: string; rate: number; seconds: number; load: LoadStats; tally: Tally; recovery: Recovery }): DrillSummary {
  const { drill, rate, load, tally, recovery } = input;
  const failures = judge({ tally, recovery });
  return {
    drill,
    rate,
    seconds: input.seconds,
    acknowledged: tally.acknowledged,
    lost: lostOf(tally),
    doubled: doubledOf(tally),
    readySeconds: recovery.worstMs === undefined ? null : Number(seconds(recovery.worstMs)),
    readyAfter: recovery.after,
    notReady: recovery.notReady,
    unavailable: load.unavailable,
    otherFailures: load.otherFailures,
    otherFailuresBy: load.otherFailuresBy,
    longestAttemptSeconds: Number(seconds(load.longestAttemptMs)),
    unacknowledged: load.unacknowledged,
    passed: failures.length === 0,
    failures,
  };
}

/** The summary of a drill that could not run to the end: nothing is known, and it failed. */
export function summaryOfFailure(input: { drill: string; rate: number; seconds: number; why: string }): DrillSummary {
  return {
    drill: input.drill,
    rate: input.rate,
    seconds: input.seconds,
    acknowledged: null,
    lost: null,
    doubled: null,
    readySeconds: null,
    readyAfter: null,
    notReady: [],
    unavailable: null,
    otherFailures: null,
    otherFailuresBy: null,
    longestAttemptSeconds: null,
    unacknowledged: null,
    passed: false,
    failures: [input.why],
  };
}

/** One line for people. */
export function formatSummary(summary: DrillSummary): string {
  const ready =
    summary.readySeconds !== null
      ? `ready again ${summary.readySeconds.toFixed(1)} s after ${summary.readyAfter}`
      : summary.readyAfter !== null
        ? `not ready ${READY_REPORT_MS / 1000} s after ${summary.readyAfter} (${summary.notReady.join(', ')})`
        : 'time to ready not measured';
  const figures = [
    `acknowledged ${shown(summary.acknowledged)}`,
    `lost ${shown(summary.lost)}`,
    `doubled ${shown(summary.doubled)}`,
    ready,
    `503s seen ${shown(summary.unavailable)}`,
    `other failed attempts ${shown(summary.otherFailures)}${summary.otherFailures ? ` (${Object.entries(summary.otherFailuresBy ?? {}).map(([what, count]) => `${what}: ${count}`).join(', ')})` : ''}`,
    `longest attempt ${summary.longestAttemptSeconds === null ? '-' : `${summary.longestAttemptSeconds.toFixed(1)} s`}`,
    `never acknowledged ${shown(summary.unacknowledged)}`,
  ];
  const verdict = summary.passed ? 'PASSED' : `FAILED: ${summary.failures.join('; ')}`;
  return `${summary.drill} at ${summary.rate} appeals/s for ${summary.seconds} s: ${figures.join(', ')}: ${verdict}`;
}

/** The JSON line a script collects. */
export function summaryLine(summary: DrillSummary): string {
  return `${SUMMARY_PREFIX}${JSON.stringify(summary)}`;
}

/** The summary a `drill-summary` line holds, or undefined for any other line. */
export function parseSummaryLine(line: string): DrillSummary | undefined {
  if (!line.startsWith(SUMMARY_PREFIX)) return undefined;
  try {
    const parsed = JSON.parse(line.slice(SUMMARY_PREFIX.length)) as DrillSummary;
    return typeof parsed.drill === 'string' && typeof parsed.passed === 'boolean' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** One run of one drill by the script that runs them all: what it printed about itself, and how it exited. */
export interface DrillRun {
  drill: string;
  rate: number;
  summary: DrillSummary | undefined;
  exitCode: number | null;
}

/** A run passed when it said it passed and exited 0; otherwise why not. */
export function runFailures(run: DrillRun): string[] {
  if (!run.summary) return [`printed no summary (exit code ${run.exitCode ?? 'none: killed'})`];
  const failures = [...run.summary.failures];
  if (run.exitCode !== 0 && failures.length === 0) failures.push(`exited with code ${run.exitCode ?? 'none: killed'}`);
  if (run.exitCode === 0 && !run.summary.passed) failures.push('said it failed yet exited 0');
  return failures;
}

/** One Markdown table of every run, then the attempts that failed other than by 503, then why each failed run failed. */
export function summaryTable(runs: readonly DrillRun[]): string {
  const header = ['drill', 'rate', 'acknowledged', 'lost', 'doubled', 's to ready', '503s seen', 'longest attempt', 'result'];
  const rows = runs.map((run) => {
    const s = run.summary;
    const ready = !s ? '-' : s.readySeconds !== null ? s.readySeconds.toFixed(1) : s.readyAfter !== null ? `> ${READY_REPORT_MS / 1000}` : '-';
    return [
      run.drill,
      `${run.rate}/s`,
      shown(s?.acknowledged),
      shown(s?.lost),
      shown(s?.doubled),
      ready,
      shown(s?.unavailable),
      s?.longestAttemptSeconds == null ? '-' : `${s.longestAttemptSeconds.toFixed(1)} s`,
      runFailures(run).length === 0 ? 'pass' : '**FAIL**',
    ];
  });
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  // Not judged, but a caller should have had 503 (retry later), not these.
  const otherwise = runs.filter((run) => (run.summary?.otherFailures ?? 0) > 0);
  if (otherwise.length > 0) {
    lines.push('', 'Failed attempts other than 503:');
    for (const run of otherwise) lines.push(`- ${run.drill} at ${run.rate}/s: ${Object.entries(run.summary?.otherFailuresBy ?? {}).map(([what, count]) => `${what}: ${count}`).join(', ')}`);
  }
  const failed = runs.filter((run) => runFailures(run).length > 0);
  if (failed.length > 0) {
    lines.push('', 'Failed:');
    for (const run of failed) lines.push(`- ${run.drill} at ${run.rate}/s: ${runFailures(run).join('; ')}`);
  }
  return lines.join('\n');
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}

function shown(value: number | null | undefined): string {
  return value === null || value === undefined ? '-' : String(value);
}
