import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseSummaryLine, runFailures, summaryTable, type DrillRun } from './support/drill-summary.js';

/**
 * Runs every fault drill (or those named as arguments) at each rate of DRILL_RATES (appeals a
 * second, default "10 20"), one at a time, each as its own process with DRILL_RATE set (and
 * DRILL_SECONDS, DRILL_DOWN_SECONDS passed on as given). Goes on after a failing drill; at the end
 * prints one Markdown table of what each drill said about itself (its `drill-summary` line) and
 * exits 1 if any failed.
 *
 *   DRILL_RATES="10 20" DRILL_SECONDS=60 ./scripts/dev drill all [drill...]
 */
const DRILLS = ['kill-services', 'restart-kafka', 'restart-database', 'freeze-kafka', 'freeze-database', 'kill-infra'] as const;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const rates = (process.env.DRILL_RATES ?? '10 20').split(/[\s,]+/).filter(Boolean).map(Number);
if (rates.length === 0 || rates.some((rate) => !(rate > 0))) usage(`DRILL_RATES must be positive numbers of appeals a second, not "${process.env.DRILL_RATES}"`);
const named = process.argv.slice(2);
const unknown = named.filter((name) => !(DRILLS as readonly string[]).includes(name));
if (unknown.length > 0) usage(`no such drill: ${unknown.join(', ')} (there are ${DRILLS.join(', ')})`);
const drills = named.length > 0 ? named : [...DRILLS];

const runs: DrillRun[] = [];
const started = Date.now();
for (const rate of rates) {
  for (const drill of drills) {
    console.log(`\n=== ${drill} at ${rate} appeals/s (${runs.length + 1} of ${rates.length * drills.length}, ${((Date.now() - started) / 60_000).toFixed(0)} min so far) ===`);
    const run = await runDrill(drill, rate);
    runs.push(run);
    const failures = runFailures(run);
    console.log(`=== ${drill} at ${rate} appeals/s: ${failures.length === 0 ? 'passed' : `FAILED: ${failures.join('; ')}`} ===`);
  }
}

console.log(`\nFault drills (DRILL_SECONDS=${process.env.DRILL_SECONDS ?? 'default'}, DRILL_DOWN_SECONDS=${process.env.DRILL_DOWN_SECONDS ?? 'default'}), ${((Date.now() - started) / 60_000).toFixed(0)} min:\n`);
console.log(summaryTable(runs));
process.exit(runs.every((run) => runFailures(run).length === 0) ? 0 : 1);

function usage(why: string): never {
  console.error(`drill all: ${why}`);
  process.exit(2);
}

/** Runs one drill as its own process, passing its output on line by line, and keeps its summary. */
async function runDrill(drill: string, rate: number): Promise<DrillRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', `scripts/drills/${drill}.ts`], {
    cwd: ROOT,
    env: { ...process.env, DRILL_RATE: String(rate) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: DrillRun = { drill, rate, summary: undefined, exitCode: null };
  const prefix = `[${drill} ${rate}/s] `;
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error) => {
      console.error(`${prefix}could not start: ${String(error)}`);
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    run.summary = parseSummaryLine(line) ?? run.summary;
    console.log(prefix + line);
  });
  createInterface({ input: child.stderr }).on('line', (line) => console.error(prefix + line));
  run.exitCode = await exited;
  return run;
}
