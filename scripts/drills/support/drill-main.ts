import type { TestInfra } from '@priemnaya/testing';
import { formatTally } from './appeal-tally.js';
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

/**
 * Runs one drill, prints what became of the acknowledged appeals and exits 0 only when each was
 * routed once, delivered as a task once (when routed to a unit) and alerted, and none was doubled.
 */
export async function drillMain(name: string, options: Omit<FleetUnderLoadOptions, 'label' | 'perSecond' | 'loadSeconds'>, cleanup: () => Promise<void> = async () => {}): Promise<never> {
  let code = 1;
  try {
    const result = await runFleetUnderLoad({ label: `drill-${name}`, ...drillLoad(), ...options });
    console.log(`\n${name}: ${formatTally(result.tally)}`);
    console.log(`${name}: load sent ${result.load.sent}, retried attempts ${result.load.retries}, never acknowledged ${result.load.unacknowledged}`);
    if (result.problems.length === 0) {
      console.log(`${name}: PASSED: every acknowledged appeal routed once, delivered once and alerted; none doubled`);
      code = 0;
    } else {
      for (const problem of result.problems) console.log(`${name}: FAILED: ${problem}`);
    }
  } catch (error) {
    console.error(`${name}: the drill could not run:`, error);
  } finally {
    await cleanup().catch((error: unknown) => console.error(`${name}: cleanup failed:`, error));
  }
  process.exit(code);
}
