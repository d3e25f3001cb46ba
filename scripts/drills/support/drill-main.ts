import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import type { TestInfra } from '@priemnaya/testing';
import type { ServiceName } from '../../fleet/fleet.js';
import { formatTally } from './appeal-tally.js';
import { formatSummary, summarize, summaryLine, summaryOfFailure, type DrillSummary, type Recovery } from './drill-summary.js';
import { runFleetUnderLoad, type FleetUnderLoadOptions } from './fleet-under-load.js';

/** The shared broker and database (as `./scripts/dev infra` starts them) unless the environment names others. */
export function sharedInfra(): TestInfra {
  return {
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim()),
    mongoUrl: process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true',
    replicationFactor: Number(process.env.TOPIC_REPLICATION_FACTOR ?? '1'),
  };
}

/** Rate and length of a drill's load: DRILL_RATE appeals a second (default 5) for DRILL_SECONDS (default 90). */
export function drillLoad(): { perSecond: number; loadSeconds: number } {
  const perSecond = Number(process.env.DRILL_RATE ?? '5');
  const loadSeconds = Number(process.env.DRILL_SECONDS ?? '90');
  if (!(perSecond > 0)) throw new Error(`DRILL_RATE must be a positive number of appeals a second, not ${process.env.DRILL_RATE}`);
  if (!(loadSeconds >= 10)) throw new Error(`DRILL_SECONDS must be at least 10, not ${process.env.DRILL_SECONDS}`);
  return { perSecond, loadSeconds };
}

/** DRILL_DOWN_SECONDS in ms: how long a drill keeps its broker or database away (its own default otherwise). */
export function drillDownMs(defaultSeconds: number): number {
  const seconds = Number(process.env.DRILL_DOWN_SECONDS ?? String(defaultSeconds));
  if (!(seconds > 0)) throw new Error(`DRILL_DOWN_SECONDS must be a positive number of seconds, not ${process.env.DRILL_DOWN_SECONDS}`);
  return seconds * 1000;
}

/**
 * Runs one drill, prints what became of the acknowledged appeals, then its summary (one line for
 * people and one `drill-summary` JSON line), and exits 0 only when each acknowledged appeal was
 * routed once, delivered as a task once (when routed to a unit) and alerted, none was doubled, and
 * every service was ready again within READY_BOUND_MS after the disruption ended.
 */
export async function drillMain(name: string, options: Omit<FleetUnderLoadOptions<Recovery>, 'label' | 'perSecond' | 'loadSeconds'>, cleanup: () => Promise<void> = async () => {}): Promise<never> {
  let summary: DrillSummary;
  const load = drillLoad();
  const logs = serviceLogs(name, load.perSecond);
  try {
    const result = await runFleetUnderLoad({ label: `drill-${name}`, ...load, ...options, ...(logs ? { onLine: logs.write } : {}) });
    console.log(`\n${name}: ${formatTally(result.tally)}`);
    console.log(`${name}: load sent ${result.load.sent}, retried attempts ${result.load.retries}, never acknowledged ${result.load.unacknowledged}`);
    for (const problem of result.problems) console.log(`${name}: ${problem}`);
    summary = summarize({ drill: name, rate: load.perSecond, seconds: load.loadSeconds, load: result.load, tally: result.tally, recovery: result.disrupted });
  } catch (error) {
    console.error(`${name}: the drill could not run:`, error);
    summary = summaryOfFailure({ drill: name, rate: load.perSecond, seconds: load.loadSeconds, why: `could not run: ${String(error).split('\n')[0]}` });
  } finally {
    await cleanup().catch((error: unknown) => console.error(`${name}: cleanup failed:`, error));
    await logs?.close();
  }
  console.log(`\n${formatSummary(summary)}`);
  console.log(summaryLine(summary));
  process.exit(summary.passed ? 0 : 1);
}

/** With DRILL_LOG_DIR set, each service's output goes to <dir>/<drill>-<rate>/<service>.log, to see why one misbehaved. */
function serviceLogs(drill: string, rate: number): { write: (service: ServiceName, line: string) => void; close: () => Promise<void> } | undefined {
  const root = process.env.DRILL_LOG_DIR;
  if (!root) return undefined;
  const dir = join(root, `${drill}-${rate}`);
  mkdirSync(dir, { recursive: true });
  console.log(`the services' output goes to ${dir}/`);
  const streams = new Map<ServiceName, WriteStream>();
  return {
    write(service, line) {
      let stream = streams.get(service);
      if (!stream) streams.set(service, (stream = createWriteStream(join(dir, `${service}.log`), { flags: 'a' })));
      stream.write(`${line}\n`);
    },
    close: () => Promise.all([...streams.values()].map((stream) => new Promise<void>((resolve) => stream.end(resolve)))).then(() => undefined),
  };
}
