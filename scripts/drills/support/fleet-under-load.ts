import { createStaffTokens } from '@priemnaya/auth';
import type { TestInfra } from '@priemnaya/testing';
import { MongoClient, type Db } from 'mongodb';
import { devStaffTokenSecret } from '../../auth/dev-secret.js';
import { FLEET_SERVICES, type ServiceName } from '../../fleet/fleet.js';
import { startIsolatedFleet, type IsolatedFleet } from '../../fleet/isolated-fleet.js';
import { startAppealLoad, type AppealLoad, type LoadStats } from './appeal-load.js';
import { problemsOf, readAppealRecords, type Tally } from './appeal-tally.js';

/** Every service an appeal passes through or that watches it; the staff console serves people only. */
export const DRILL_SERVICES: readonly ServiceName[] = FLEET_SERVICES.map(({ name }) => name).filter((name) => name !== 'console');
/** Past every answer deadline (30 days and any extension), so the monitor raises an alert for each appeal. */
const ADVANCE_CLOCK_MS = 70 * 24 * 3_600_000;
/** The drain ends when nothing has moved for this long. */
const STALL_MS = 90_000;
const POLL_MS = 3_000;

export interface UnderLoad {
  isolated: IsolatedFleet;
  load: AppealLoad;
  say: (line: string) => void;
  /** The last lines each service printed, to show why one misbehaved. */
  lastLines: (service: ServiceName) => string[];
}

export interface FleetUnderLoadOptions<Disrupted = void> {
  label: string;
  perSecond: number;
  /** How long the load runs in all; `disrupt` starts after a quarter of it. */
  loadSeconds: number;
  infra?: TestInfra;
  say?: (line: string) => void;
  onLine?: (service: ServiceName, line: string) => void;
  /** Whether to move the monitor's clock and wait for an alert of each appeal (default true). */
  alerts?: boolean;
  /** What the drill does to the fleet while the load runs; what it resolves with (how the fleet came back) is in the result. */
  disrupt(context: UnderLoad): Promise<Disrupted>;
}

export interface FleetUnderLoadResult<Disrupted = void> {
  load: LoadStats;
  tally: Tally;
  problems: string[];
  /** What `disrupt` resolved with. */
  disrupted: Disrupted;
}

/**
 * Runs the fleet (every service but the console, each a process) on topics and databases of
 * its own, sends appeals at a steady rate, lets `disrupt` break it, then drains: waits until
 * every acknowledged appeal is routed and delivered as a task, moves the monitor's clock past the
 * deadlines and waits for its alerts, and tallies what became of each acknowledged appeal.
 */
export async function runFleetUnderLoad<Disrupted = void>(options: FleetUnderLoadOptions<Disrupted>): Promise<FleetUnderLoadResult<Disrupted>> {
  const say = options.say ?? ((line: string) => console.log(line));
  const started = Date.now();
  const stamp = (line: string) => say(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
  const tail = new Map<ServiceName, string[]>();
  say(`starting the fleet (${DRILL_SERVICES.join(', ')})`);
  let restartOnExit: ((service: ServiceName) => void) | undefined;
  const isolated = await startIsolatedFleet(options.label, {
    onExit: (service, code) => {
      stamp(`${service} exited by itself with code ${code}${restartOnExit ? '; starting it again, as an orchestrator would' : ''}`);
      restartOnExit?.(service);
    },
    ...(options.infra ? { infra: options.infra } : {}),
    only: DRILL_SERVICES,
    // The load comes from one address; the monitor's clock is moved to see its alerts fire; the
    // platform simulator publishes no sample items, so every appeal is one the load sent.
    extraEnv: { RATE_LIMIT_PER_MINUTE: '1000000', TEST_CLOCK: 'on', POS_SIMULATOR_SEED_ITEMS: '0', LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
    onLine: (service, line) => {
      options.onLine?.(service, line);
      const kept = tail.get(service) ?? [];
      kept.push(line);
      if (kept.length > 20) kept.shift();
      tail.set(service, kept);
    },
    readyTimeoutMs: 180_000,
  });
  const restarts: Promise<void>[] = [];
  restartOnExit = (service) => {
    const restarting = isolated.fleet.restart(service).then(
      () => stamp(`${service} ready again`),
      (error: unknown) => stamp(`${service} could not be started again: ${String(error)}`),
    );
    restarts.push(restarting);
  };
  const client = await MongoClient.connect(isolated.infra.mongoUrl);
  try {
    stamp(`fleet ready; sending ${options.perSecond} appeals/s for ${options.loadSeconds} s`);
    const loadStarted = Date.now();
    const load = startAppealLoad({ ingestUrl: isolated.fleet.urls.ingest, perSecond: options.perSecond });
    // Set before the load stops: were `disrupt` to throw, the run would end there.
    let disrupted!: Disrupted;
    const progress = setInterval(() => {
      const s = load.stats();
      stamp(`sent ${s.sent}, acknowledged ${s.acknowledged}, in flight ${s.inFlight}, retried attempts ${s.retries} (503 ${s.unavailable}, other ${s.otherFailures}), longest attempt ${(s.longestAttemptMs / 1000).toFixed(1)} s, not acknowledged ${s.unacknowledged}`);
    }, 5_000);
    try {
      await sleep((options.loadSeconds * 1000) / 4);
      disrupted = await options.disrupt({ isolated, load, say: stamp, lastLines: (service) => tail.get(service) ?? [] });
      await sleep(Math.max(0, loadStarted + options.loadSeconds * 1000 - Date.now()));
      stamp('load stopped; waiting for the appeals in flight to be acknowledged');
      await load.stop();
    } finally {
      clearInterval(progress);
    }
    const loadStats = load.stats();
    const others = Object.entries(loadStats.otherFailuresBy).map(([what, count]) => `${what}: ${count}`).join(', ');
    stamp(`load: sent ${loadStats.sent}, acknowledged ${loadStats.acknowledged}, retried attempts ${loadStats.retries} (503 ${loadStats.unavailable}, other ${loadStats.otherFailures}${others ? ` [${others}]` : ''}), longest attempt ${(loadStats.longestAttemptMs / 1000).toFixed(1)} s, not acknowledged ${loadStats.unacknowledged}`);

    const openRecords = () => readAppealRecords(isolated.kafka, isolated.names, client.db(isolated.databaseOf('executor')));
    let records = await openRecords();
    try {
      const input = { acknowledged: load.acknowledged, doubledKeys: load.doubledKeys };
      const current = async (expectAlerts: boolean) => {
        try {
          await records.read();
        } catch (error) {
          // A reader the broker failed (a metadata lock timed out) reads no more: read anew.
          await records.stop().catch(() => undefined);
          records = await openRecords();
          throw error;
        }
        return records.tally({ ...input, expectAlerts });
      };
      stamp('draining: waiting until every acknowledged appeal is routed and delivered as a task');
      await drain(stamp, () => current(false), (t) => t.missing.routing.length + t.missing.task.length, (t) => `routed ${t.routed}, delivered as tasks ${t.deliveredAsTasks} of ${t.acknowledged}`);

      if (options.alerts === false) {
        const tally = await current(false);
        return { load: loadStats, tally, problems: problemsOf(tally), disrupted };
      }
      stamp(`moving the monitor's clock ${ADVANCE_CLOCK_MS / 86_400_000} days on, waiting for its alerts`);
      const administrator = await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'drill', role: 'administrator', units: [] });
      let ms = ADVANCE_CLOCK_MS;
      const tally = await drain(
        stamp,
        async () => {
          // Each call ticks at once; a tick reads only the minutes closed since its last read, and
          // a stage planned after the jump is due in the minute it was planned: later calls move a minute on.
          await advanceMonitor(isolated.fleet.urls.monitor, administrator, ms).catch((error: unknown) => stamp(`monitor clock: ${String(error)}`));
          ms = 61_000;
          return current(true);
        },
        (t) => t.missing.alert.length,
        (t) => `alerted ${t.alerted} of ${t.acknowledged}`,
      );
      if (tally.missing.alert.length > 0) await showClocks(stamp, client.db(isolated.databaseOf('monitor')), tally.missing.alert.slice(0, 3));
      return { load: loadStats, tally, problems: problemsOf(tally), disrupted };
    } finally {
      await records.stop();
    }
  } finally {
    restartOnExit = undefined;
    await Promise.all(restarts);
    await client.close();
    stamp('stopping the fleet');
    await isolated.dispose();
  }
}

/** Polls until `left` is zero or has not fallen for STALL_MS; returns the last tally. */
async function drain(say: (line: string) => void, tally: () => Promise<Tally>, left: (t: Tally) => number, describe: (t: Tally) => string): Promise<Tally> {
  let best = Number.POSITIVE_INFINITY;
  let movedAt = Date.now();
  let lastSaid = 0;
  let current: Tally | undefined;
  for (;;) {
    try {
      current = await tally();
    } catch (error) {
      // A read of the topics can time out while the broker is slow; the next poll reads again.
      say(`could not read the records this time: ${String(error)}`);
      if (current === undefined || Date.now() - movedAt <= STALL_MS) {
        await sleep(POLL_MS);
        continue;
      }
    }
    const remaining = left(current);
    if (remaining < best) {
      best = remaining;
      movedAt = Date.now();
    }
    if (remaining === 0 || Date.now() - movedAt > STALL_MS) {
      say(describe(current));
      return current;
    }
    if (Date.now() - lastSaid > 5_000) {
      say(`${describe(current)}; ${remaining} to go`);
      lastSaid = Date.now();
    }
    await sleep(POLL_MS);
  }
}

/** What the monitor holds of appeals it raised no alert for (its clocks and planned stages), to see why. */
async function showClocks(say: (line: string) => void, monitorDb: Db, appealIds: string[]): Promise<void> {
  try {
    const clocks = await monitorDb.collection<{ _id: string }>('appeal_clocks').find({ _id: { $in: appealIds } }).toArray();
    for (const id of appealIds) {
      const clock = clocks.find(({ _id }) => _id === id);
      say(`no alert for ${id}; the monitor's appeal_clocks holds ${clock ? JSON.stringify(clock).slice(0, 2_000) : 'nothing for it'}`);
    }
  } catch (error) {
    say(`could not read the monitor's clocks: ${String(error)}`);
  }
}

async function advanceMonitor(monitorUrl: string, token: string, ms: number): Promise<void> {
  const response = await fetch(`${monitorUrl}/_test/clock/advance`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ms }),
    signal: AbortSignal.timeout(120_000),
  });
  if (!response.ok) throw new Error(`POST /_test/clock/advance answered ${response.status}`);
}

/**
 * Polls a service's `/readyz` until it answers 200 (`ready`) or 503 (not ready: the process is up
 * and says it cannot take work); resolves with the time it took.
 */
export async function waitForReadiness(url: string, ready: boolean, timeoutMs = 120_000): Promise<number> {
  const from = Date.now();
  for (;;) {
    // Well beyond a readiness answer's own bound (1.5 s a check), for a process busy starting up.
    const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(10_000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === (ready ? 200 : 503)) return Date.now() - from;
    if (Date.now() - from > timeoutMs) throw new Error(`${url}/readyz did not turn ${ready ? 'ready' : 'not ready'} in ${timeoutMs} ms`);
    await sleep(500);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
