/**
 * Benchmark: the deadline monitor's tick over many open clocks, on a FerretDB of its own (the
 * same build the fleet uses, its data in a temporary directory) and the shared Kafka.
 *
 *   ./scripts/dev bench monitor [open clocks, 1000000 by default]
 *
 * Loads the clocks in bulk straight into the monitor's collections (each document and its stages
 * computed by @priemnaya/deadlines as the monitor would: registered over the last 30 days, routed
 * to one of the units, future stages put into the timing wheel), then, with the real monitor on a
 * manual clock: idle ticks (nothing due) many times; one tick when at least 10,000 stages are due
 * (claims, production to control.alerts, marks); the monitor's memory. Prints the figures and
 * draws .cache/bench/monitor-ticks.svg.
 *
 * The loaded database is kept under .cache/bench/monitor-snapshots/, keyed by the clocks, the
 * appeal documents and the code that decides what is stored; a later run with the same key
 * starts from a copy of it instead of loading again (BENCH_FRESH=1 loads anew).
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createStaffTokens } from '@priemnaya/auth';
import { ensureTopics } from '@priemnaya/kafka';
import { metricsRegistry } from '@priemnaya/observability';
import { countMessages, createTestKafka, startPrivateDatabase, testInfra, testLogger } from '@priemnaya/testing';
// The monitor's own packages, by path: the workspace root depends only on the shared tooling.
import { connectDatabase } from '../../packages/database/src/index.js';
import { buildMonitorService } from '../../services/monitor/src/app.js';
import { createManualClock } from '../../services/monitor/src/domain/clock.js';
import { latencyChartSvg, percentile } from './latency-chart.js';
import { loadWheel, NOW, SNAPSHOT_SOURCE_DIRS, SNAPSHOT_SOURCES, type LoadFacts } from './monitor-wheel-load.js';

/** With BENCH_CPU_PROFILE=1, the due tick's CPU profile (this process: the monitor and its clients) is written for a profile viewer. */
async function startCpuProfile(): Promise<{ stop(): Promise<string> }> {
  const session = new Session();
  session.connect();
  const post = (method: string) => new Promise<unknown>((resolve, reject) => session.post(method, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      session.disconnect();
      const file = fileURLToPath(new URL('../../.cache/bench/monitor-due-tick.cpuprofile', import.meta.url));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(profile));
      return file;
    },
  };
}

const count = Number(process.argv[2] ?? 1_000_000);
if (!Number.isInteger(count) || count < 1_000) throw new Error(`open clocks: a whole number of at least 1000, got ${process.argv[2]}`);
/** Appeal documents stored (the tick never reads them); all of them unless a second argument says fewer. */
const clockDocuments = Math.min(count, Number(process.argv[3] ?? count));
const IDLE_TICKS = 200;
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

/** Alerts the monitor's delivery feed has read from control.alerts since it started (its fired-alerts metric). */
async function alertsOnFeed(): Promise<number> {
  const metric = metricsRegistry.getSingleMetric('priemnaya_monitor_alerts_fired_total');
  if (metric === undefined) throw new Error('the monitor registers priemnaya_monitor_alerts_fired_total');
  const { values } = await metric.get();
  return values.reduce((sum, { value }) => sum + value, 0);
}

/** Where this load's snapshot lives, and its facts when one was kept. */
async function snapshotOf(clocksLoaded: number, documentsStored: number): Promise<{ dir: string; loaded?: LoadFacts }> {
  const hash = createHash('sha256');
  // What is stored is decided by these files: a change to any of them makes a new snapshot.
  const dirFiles = await Promise.all(SNAPSHOT_SOURCE_DIRS.map(async (dir) => {
    const files = await readdir(fileURLToPath(new URL(dir, import.meta.url)), { recursive: true });
    return files.filter((file) => !file.endsWith('.test.ts')).sort().map((file) => `${dir}${file}`);
  }));
  for (const file of [...SNAPSHOT_SOURCES, ...dirFiles.flat()]) {
    const at = fileURLToPath(new URL(file, import.meta.url));
    if ((await stat(at)).isFile()) hash.update(await readFile(at));
  }
  const dir = fileURLToPath(new URL(`../../.cache/bench/monitor-snapshots/${clocksLoaded}-${documentsStored}-${hash.digest('hex').slice(0, 12)}/`, import.meta.url));
  try {
    return { dir, loaded: JSON.parse(await readFile(path.join(dir, 'facts.json'), 'utf8')) as LoadFacts };
  } catch {
    return { dir };
  }
}

/** Starts the benchmark's database from a kept snapshot. */
async function restore(dir: string, loaded: LoadFacts): Promise<LoadFacts> {
  say(`starting from the snapshot of an earlier load (${dir}; BENCH_FRESH=1 loads anew)...`);
  await database.close();
  await ferret.stop();
  const data = path.join(ferret.dir, 'ferretdb-data', 'sqlite');
  await rm(data, { recursive: true, force: true });
  await cp(path.join(dir, 'sqlite'), data, { recursive: true });
  await ferret.start();
  database = await connectDatabase(ferret.mongoUrl, 'bench_monitor');
  return loaded;
}

/** Loads the clocks, then keeps a copy of the database's files for later runs. */
async function loadAndKeep(dir: string): Promise<LoadFacts> {
  const loaded = await loadWheel(database.db, { count, clockDocuments, say });
  say('keeping a snapshot of the loaded database for later runs...');
  await database.close();
  await ferret.stop();
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(path.join(ferret.dir, 'ferretdb-data', 'sqlite'), path.join(dir, 'sqlite'), { recursive: true });
  await writeFile(path.join(dir, 'facts.json'), JSON.stringify(loaded));
  await ferret.start();
  database = await connectDatabase(ferret.mongoUrl, 'bench_monitor');
  return loaded;
}

const infra = testInfra();
say('starting a FerretDB of the benchmark\'s own...');
const ferret = await startPrivateDatabase();
// Interrupted, the benchmark still stops its FerretDB and deletes its data.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void ferret.remove().finally(() => process.exit(130));
  });
}
const testKafka = await createTestKafka(infra, [], 'bench-monitor');
const alertsTopic = testKafka.names.of('control.alerts');
await ensureTopics(testKafka.kafka, [alertsTopic, testKafka.names.deadLetter(alertsTopic)].map((name) => ({ name, partitions: 6, replicationFactor: infra.replicationFactor })));
let database = await connectDatabase(ferret.mongoUrl, 'bench_monitor');

try {
  const snapshot = await snapshotOf(count, clockDocuments);
  const facts = snapshot.loaded !== undefined && process.env.BENCH_FRESH !== '1' ? await restore(snapshot.dir, snapshot.loaded) : await loadAndKeep(snapshot.dir);
  const { dueMinute, dueSoFar, loadSeconds, wheelSeconds } = facts;

  const clock = createManualClock(new Date(NOW));
  const monitor = await buildMonitorService({
    kafka: testKafka.kafka, names: testKafka.names, groupId: 'bench-monitor', logger: testLogger(), database,
    tokens: createStaffTokens('bench-secret-that-is-long-enough-0123456789'), clock, tickIntervalMs: 0, claimLeaseMs: 60_000, feedRetentionDays: 8, cityZone: 'Europe/Moscow',
  });
  await monitor.start();
  gc?.();
  const memoryAfterLoad = process.memoryUsage();

  say(`${IDLE_TICKS} idle ticks (nothing due)...`);
  const idle: number[] = [];
  for (let i = 0; i < IDLE_TICKS; i++) {
    clock.set(new Date(NOW + i * 1_000));
    const started = performance.now();
    const report = await monitor.tick();
    idle.push(performance.now() - started);
    if (report.fired !== 0) throw new Error(`an idle tick fired ${report.fired} stages`);
  }

  say(`one tick with ${dueSoFar.toLocaleString('en')} stages due...`);
  clock.set(new Date(dueMinute + 2 * 60_000));
  const profiler = process.env.BENCH_CPU_PROFILE === '1' ? await startCpuProfile() : undefined;
  const dueStarted = performance.now();
  const cpuBefore = process.cpuUsage();
  const due = await monitor.tick();
  const dueMs = performance.now() - dueStarted;
  // CPU time of this process (the monitor and its clients) during the tick: unlike the tick's
  // duration, it hardly moves when other work shares the machine.
  const dueCpu = process.cpuUsage(cpuBefore);
  if (profiler) say(`CPU profile of the tick: ${await profiler.stop()}`);
  // The fired buckets are deleted after the tick has reported; the next tick waits for that.
  const housekeepingStarted = performance.now();
  await monitor.tick();
  const housekeepingMs = performance.now() - housekeepingStarted;
  // The monitor's own feed (what the console and the gRPC stream serve) reads the alerts back
  // from Kafka once the tick has produced them, meanwhile; it counts each in the fired-alerts metric.
  while ((await alertsOnFeed()) < due.fired) await new Promise((resolve) => setTimeout(resolve, 5));
  const onFeedMs = performance.now() - dueStarted;
  const produced = await countMessages(testKafka.kafka, alertsTopic);
  const memoryAfterTicks = process.memoryUsage();
  await monitor.stop();

  const figures = {
    openClocks: count,
    appealDocumentsStored: clockDocuments,
    loadSeconds: Math.round(loadSeconds),
    wheelStoreSeconds: Math.round(wheelSeconds),
    idleTickP50Ms: percentile(idle, 50),
    idleTickP99Ms: percentile(idle, 99),
    dueTick: { stagesDue: dueSoFar, fired: due.fired, skipped: due.skipped, buckets: due.buckets, ms: Math.round(dueMs), cpuMs: Math.round((dueCpu.user + dueCpu.system) / 1000), stagesPerSecond: Math.round(due.fired / (dueMs / 1000)), onTopic: produced, phases: due.timings, housekeepingMs: Math.round(housekeepingMs), stagesPerSecondWithHousekeeping: Math.round(due.fired / ((dueMs + housekeepingMs) / 1000)), allOnDeliveryFeedMs: Math.round(onFeedMs) },
    memory: { rssAfterLoad: mb(memoryAfterLoad.rss), heapAfterLoad: mb(memoryAfterLoad.heapUsed), rssAfterTicks: mb(memoryAfterTicks.rss), heapAfterTicks: mb(memoryAfterTicks.heapUsed) },
  };
  console.log(JSON.stringify(figures, null, 2));
  console.log(
    `\n${count.toLocaleString('en')} open clocks: idle tick p50 ${figures.idleTickP50Ms.toFixed(1)} ms, p99 ${figures.idleTickP99Ms.toFixed(1)} ms (target < 50 ms); ` +
      `${due.fired.toLocaleString('en')} stages fired in one tick in ${figures.dueTick.ms} ms = ${figures.dueTick.stagesPerSecond.toLocaleString('en')}/s (target 10,000/s; the monitor's process used ${figures.dueTick.cpuMs} ms of CPU meanwhile), ` +
      `all on the monitor's delivery feed ${figures.dueTick.allOnDeliveryFeedMs} ms after the tick began; ` +
      `the fired buckets deleted ${figures.dueTick.housekeepingMs} ms later (${figures.dueTick.stagesPerSecondWithHousekeeping.toLocaleString('en')}/s counting that); ` +
      `memory RSS ${figures.memory.rssAfterTicks}, heap ${figures.memory.heapAfterTicks} (target < 512 MB; the bench process, monitor included).`,
  );
  const out = fileURLToPath(new URL('../../.cache/bench/', import.meta.url));
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'monitor-ticks.svg'), latencyChartSvg(`Monitor idle tick over ${count.toLocaleString('en')} open clocks (ms)`, [{ name: 'idle tick', colour: '#1f77b4', values: idle }]));
  say(`chart: ${path.join(out, 'monitor-ticks.svg')}`);
} finally {
  await database.close();
  await testKafka.dispose();
  await ferret.remove();
}
