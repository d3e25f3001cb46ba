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
import { countMessages, createTestKafka, startPrivateDatabase, testInfra, testLogger } from '@priemnaya/testing';
// The monitor's own packages, by path: the workspace root depends only on the shared tooling.
import { connectDatabase } from '../../packages/database/src/index.js';
import {
  applyLifecycleEvent,
  bundledProductionCalendar,
  defaultPolicySet,
  emptyAppealClocks,
  planAppealStages,
  stableAlertId,
  type AppealClocks,
  type PlannedStage,
} from '../../packages/deadlines/src/index.js';
import { buildMonitorService } from '../../services/monitor/src/app.js';
import { createManualClock } from '../../services/monitor/src/domain/clock.js';
import type { AppealClockDocument } from '../../services/monitor/src/data-access/appeal-clock-store.js';
import { encodeScheduleEntry, type BucketDocument, type ScheduleEntry } from '../../services/monitor/src/data-access/schedule-store.js';
import { bucketId, byShard, hourOf } from '../../services/monitor/src/domain/schedule-buckets.js';
import { documentOf, scheduleLines } from '../../services/monitor/src/use-cases/plan-appeal.js';
import { latencyChartSvg, percentile } from './latency-chart.js';

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
const SNAPSHOT_SOURCES = [
  './monitor-ticks.ts',
  '../../services/monitor/src/domain/schedule-buckets.ts',
  '../../services/monitor/src/data-access/schedule-store.ts',
  '../../services/monitor/src/domain/schedule-line-codec.ts',
  '../../services/monitor/src/use-cases/plan-appeal.ts',
  '../../services/monitor/src/domain/stage-alert.ts',
];
/** And every file of the deadline rules (plans, calendars, policies). */
const SNAPSHOT_SOURCE_DIRS = ['../../packages/deadlines/src/'];
const DUE_TARGET = 10_000;
const BATCH = 2_000;
/**
 * Lines held before they are stored as one more writer's buckets. A monitor writes its buckets
 * under one writer id for as long as it runs, so a wheel has as many writers as the monitor had
 * restarts while its stages were planned; the load's writers stand for those (about 3 at a
 * million clocks), and it holds at most this many lines (about 1 GB) at a time.
 */
const FLUSH_LINES = 1_200_000;
const UNITS = ['zhkh', 'roads', 'transport', 'social', 'education', 'health', 'ecology', 'architecture', 'trade', 'culture', 'sport', 'security', 'economy'];
// Monday 23 November 2026, 10:00 in Moscow; the clocks were registered over the 30 days before.
const NOW = Date.parse('2026-11-23T07:00:00.000Z');
const SPAN = 30 * 24 * 60 * 60_000;

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

interface LoadFacts {
  dueMinute: number;
  dueSoFar: number;
  futureStages: number;
  loadSeconds: number;
  wheelSeconds: number;
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
  const loaded = await load();
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

async function load(): Promise<LoadFacts> {
  // Load: documents and timing-wheel lines, computed as the monitor computes them. Appeals
  // registered in the same minute and routed to the same unit have the same clocks and plan but
  // for their ids, so each such group is planned once and copied with its own ids (the alert id
  // is the stable UUID v5 of each appeal's own id, as the monitor makes it).
  const policies = defaultPolicySet();
  const calendar = bundledProductionCalendar();
  const clocks = database.db.collection<AppealClockDocument>('appeal_clocks');
  const lines = new Map<number, ScheduleEntry[]>();
  const templates = new Map<string, { state: AppealClocks; plan: PlannedStage[] }>();
  const loadStarted = performance.now();
  let futureStages = 0;
  let linesHeld = 0;
  let wheelSeconds = 0;
  let flushes = 0;
  const minutes = new Map<number, number>();
  const hoursStored = new Set<number>();
  /**
   * The wheel as the monitor writes it: a bucket per minute and writer, a collection per hour.
   * The lines held so far are stored as one more writer's buckets (fresh inserts), so the
   * benchmark never holds the whole wheel in memory; the tick reads every writer's buckets.
   */
  async function flushWheel(): Promise<void> {
    const started = performance.now();
    flushes += 1;
    const byHour = new Map<number, BucketDocument[]>();
    for (const [bucket, entries] of lines) {
      const hour = hourOf(bucket);
      const documents = byHour.get(hour) ?? [];
      for (const [shard, shardLines] of byShard(entries)) documents.push({ _id: bucketId(bucket, `bench-load-${flushes}`, shard), entries: shardLines.map(encodeScheduleEntry) });
      byHour.set(hour, documents);
      minutes.set(bucket, (minutes.get(bucket) ?? 0) + entries.length);
    }
    for (const [hour, documents] of byHour) {
      hoursStored.add(hour);
      await database.db.collection<BucketDocument>(`schedule_${new Date(hour).toISOString().slice(0, 13).replace(/[-T]/g, '')}`).insertMany(documents, { ordered: false });
    }
    lines.clear();
    linesHeld = 0;
    wheelSeconds += (performance.now() - started) / 1000;
  }
  for (let start = 0; start < count; start += BATCH) {
    const documents: AppealClockDocument[] = [];
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      const appealId = `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
      const receivedMs = NOW - SPAN + Math.floor(((i / count) * SPAN) / 60_000) * 60_000;
      const unit = UNITS[i % UNITS.length] ?? 'zhkh';
      const key = `${receivedMs}|${unit}`;
      let template = templates.get(key);
      if (template === undefined) {
        const templateId = '00000000-0000-4000-8000-000000000000';
        const receivedAt = new Date(receivedMs).toISOString();
        let state = applyLifecycleEvent(emptyAppealClocks(templateId), { type: 'registered', eventId: `received:${templateId}`, appealId: templateId, occurredAt: receivedAt, channel: 'site', kind: 'appeal' }, policies, calendar);
        state = applyLifecycleEvent(state, { type: 'routed', eventId: `routed:${templateId}`, appealId: templateId, occurredAt: new Date(receivedMs + 60_000).toISOString(), topic: 'housing', unit }, policies, calendar);
        template = { state, plan: planAppealStages(state.clocks, policies, calendar) };
        templates.clear();
        templates.set(key, template);
      }
      const state = JSON.parse(JSON.stringify(template.state).replaceAll('00000000-0000-4000-8000-000000000000', appealId)) as AppealClocks;
      const plan = template.plan.map((stage) => ({ ...stage, appealId, alertId: stableAlertId(appealId, stage.clockId, stage.stageId) }));
      const registrationNumber = `${String((i % 99_999) + 1).padStart(5, '0')}/2026`;
      const future = plan.filter((stage) => Date.parse(stage.fireAt) > NOW);
      for (const [bucket, entries] of scheduleLines({ state, rev: 2, registrationNumber, planned: future, withdrawn: [], nowMs: NOW })) {
        const held = lines.get(bucket);
        if (held === undefined) lines.set(bucket, entries);
        else held.push(...entries);
        futureStages += entries.length;
        linesHeld += entries.length;
      }
      documents.push(documentOf(state, plan, 2, registrationNumber, new Date(NOW)));
    }
    if (start < clockDocuments) await clocks.insertMany(documents.slice(0, clockDocuments - start), { ordered: false });
    if (linesHeld >= FLUSH_LINES) await flushWheel();
    const done = Math.min(count, start + BATCH);
    if (done % 50_000 === 0 || done === count) {
      const seconds = (performance.now() - loadStarted) / 1000;
      say(`planned ${done.toLocaleString('en')} clocks, ${Math.min(done, clockDocuments).toLocaleString('en')} appeal documents stored, in ${seconds.toFixed(0)} s`);
    }
  }
  await flushWheel();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  say(`timing wheel: ${futureStages.toLocaleString('en')} future stages in ${minutes.size.toLocaleString('en')} minutes, ${hoursStored.size.toLocaleString('en')} hours, ${flushes} writers; stored in ${wheelSeconds.toFixed(0)} s`);
  const sorted = [...minutes.entries()].sort(([a], [b]) => a - b);

  // The first minute at whose close at least DUE_TARGET stages are due.
  let dueSoFar = 0;
  let dueMinute = sorted[0]?.[0] ?? NOW;
  for (const [bucket, held] of sorted) {
    dueSoFar += held;
    dueMinute = bucket;
    if (dueSoFar >= DUE_TARGET) break;
  }
  sorted.length = 0;
  minutes.clear();

  return { dueMinute, dueSoFar, futureStages, loadSeconds, wheelSeconds };
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
    tokens: createStaffTokens('bench-secret-that-is-long-enough-0123456789'), clock, tickIntervalMs: 0, claimLeaseMs: 60_000, feedRetentionDays: 8,
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
  const due = await monitor.tick();
  const dueMs = performance.now() - dueStarted;
  if (profiler) say(`CPU profile of the tick: ${await profiler.stop()}`);
  // The fired buckets are deleted after the tick has reported; the next tick waits for that.
  const housekeepingStarted = performance.now();
  await monitor.tick();
  const housekeepingMs = performance.now() - housekeepingStarted;
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
    dueTick: { stagesDue: dueSoFar, fired: due.fired, skipped: due.skipped, buckets: due.buckets, ms: Math.round(dueMs), stagesPerSecond: Math.round(due.fired / (dueMs / 1000)), onTopic: produced, phases: due.timings, housekeepingMs: Math.round(housekeepingMs), stagesPerSecondWithHousekeeping: Math.round(due.fired / ((dueMs + housekeepingMs) / 1000)) },
    memory: { rssAfterLoad: mb(memoryAfterLoad.rss), heapAfterLoad: mb(memoryAfterLoad.heapUsed), rssAfterTicks: mb(memoryAfterTicks.rss), heapAfterTicks: mb(memoryAfterTicks.heapUsed) },
  };
  console.log(JSON.stringify(figures, null, 2));
  console.log(
    `\n${count.toLocaleString('en')} open clocks: idle tick p50 ${figures.idleTickP50Ms.toFixed(1)} ms, p99 ${figures.idleTickP99Ms.toFixed(1)} ms (target < 50 ms); ` +
      `${due.fired.toLocaleString('en')} stages fired in one tick in ${figures.dueTick.ms} ms = ${figures.dueTick.stagesPerSecond.toLocaleString('en')}/s (target 10,000/s), ` +
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
