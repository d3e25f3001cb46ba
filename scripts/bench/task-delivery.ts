/**
 * Benchmark: the latency from an appeal on `appeals.received` to its task on connected
 * executors' gRPC streams, through the real router and executor processes, at a steady rate,
 * with more and more executors connected to the unit. Prints p50/p99 per level and draws
 * .cache/bench/task-delivery.svg.
 *
 *   ./scripts/dev bench delivery [appeals per second] [seconds per level] [streams,streams,...]
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { createStaffTokens, withStaffToken } from '@priemnaya/auth';
import { formatRegistrationNumber, type AppealReceived } from '@priemnaya/contracts';
import { ExecutorServiceClient, type WatchTasksResponse } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
import { createPublisher } from '@priemnaya/kafka';
import { devStaffTokenSecret } from '../auth/dev-secret.js';
import { startIsolatedFleet } from '../fleet/isolated-fleet.js';
import { percentile } from './latency-chart.js';
import { throughputChartSvg, type LoadPoint } from './throughput-chart.js';

const rate = Number(process.argv[2] ?? 20);
const seconds = Number(process.argv[3] ?? 10);
const levels = (process.argv[4] ?? '1,50,200,500').split(',').map(Number);
const UNIT = 'zhkh';
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

say('starting the router and the executor...');
const isolated = await startIsolatedFleet('delivery', { only: ['router', 'executor'] });
const address = isolated.fleet.grpcAddresses.executor;
if (address === undefined) throw new Error('the executor has no gRPC address');
const publisher = createPublisher({ kafka: isolated.kafka, names: isolated.names });
await publisher.connect();
const metadata = withStaffToken(new Metadata(), await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'bench', role: 'executor', units: [UNIT] }));

/** When each appeal was produced; a delivery of an appeal not in it is an earlier level's. */
const producedAt = new Map<string, number>();
let sequence = 0;

function anAppeal(): AppealReceived {
  sequence += 1;
  return {
    version: 2,
    appealId: randomUUID(),
    registrationNumber: formatRegistrationNumber(sequence, 2026),
    channel: 'site',
    kind: 'appeal',
    receivedAt: new Date().toISOString(),
    author: { name: 'Житель дома', email: 'resident@example.org' },
    text: `В подъезде дома ${sequence} нет отопления, батареи холодные вторую неделю.`,
    attachments: [],
    raw: { format: 'json', body: {} },
    screening: [],
  };
}

interface Watcher {
  latencies: number[];
  lastCursor: string;
  error?: ServiceError;
  close(): void;
}

/** One executor's connection (its own HTTP/2 channel, as separate clients would have). */
function watch(afterCursor: string): Watcher {
  const client = new ExecutorServiceClient(address!, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
  const call = client.watchTasks({ unit: UNIT, afterCursor }, metadata);
  const watcher: Watcher = {
    latencies: [],
    lastCursor: afterCursor,
    close: () => {
      call.cancel();
      client.close();
    },
  };
  call.on('data', (response: WatchTasksResponse) => {
    watcher.lastCursor = response.cursor;
    const sent = producedAt.get(response.task?.appealId ?? '');
    if (sent !== undefined) watcher.latencies.push(performance.now() - sent);
  });
  call.on('error', (error: ServiceError) => {
    if (error.code !== status.CANCELLED) watcher.error = error;
  });
  return watcher;
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

/** Produces `count` appeals at the steady rate, each in its own send, as ingest does. */
async function produceSteadily(count: number, ids: string[]): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const appeal = anAppeal();
    ids.push(appeal.appealId);
    producedAt.set(appeal.appealId, performance.now());
    await publisher.publish([{ topic: 'appeals.received', payload: appeal }]);
  }
}

const points: LoadPoint[] = [];
let cursor = '';
try {
  // Warm-up: the router loads its model and the executor its feed before anything is timed.
  const warm = watch(cursor);
  const warmIds: string[] = [];
  await produceSteadily(5, warmIds);
  if (!(await until(() => warm.latencies.length >= 5, 60_000))) throw new Error('the warm-up appeals did not reach the stream within 60 s');
  cursor = warm.lastCursor;
  warm.close();

  console.log(`steady rate ${rate} appeals/s, ${seconds} s per level, unit ${UNIT}`);
  console.log('streams | delivered | p50 ms | p99 ms | max ms');
  for (const streams of levels) {
    const watchers = Array.from({ length: streams }, () => watch(cursor));
    // Let every stream reach the live feed before the clock starts.
    await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 200 + streams * 10)));
    const ids: string[] = [];
    const count = Math.max(1, Math.round(rate * seconds));
    say(`${streams} streams: producing ${count} appeals...`);
    await produceSteadily(count, ids);
    const complete = await until(() => watchers.every((w) => w.latencies.length >= count || w.error !== undefined), 60_000);
    const latencies = watchers.flatMap((w) => w.latencies);
    const failed = watchers.filter((w) => w.error !== undefined).length;
    const delivered = latencies.length;
    const expected = count * streams;
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    console.log(
      `${String(streams).padStart(7)} | ${`${delivered}/${expected}`.padStart(9)} | ${p50.toFixed(0).padStart(6)} | ${p99.toFixed(0).padStart(6)} | ${Math.max(...latencies).toFixed(0).padStart(6)}` +
        (complete ? '' : ' (incomplete after 60 s)') +
        (failed > 0 ? ` (${failed} streams failed: ${watchers.find((w) => w.error)?.error?.message})` : ''),
    );
    points.push({ clients: streams, perSecond: delivered / seconds, p50, p99 });
    cursor = watchers.reduce((latest, w) => (Number(w.lastCursor) > Number(latest) ? w.lastCursor : latest), cursor);
    for (const w of watchers) w.close();
  }
  const file = path.join(process.cwd(), '.cache', 'bench', 'task-delivery.svg');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, throughputChartSvg(`appeals.received to executors' streams at ${rate} appeals/s`, [{ name: 'deliveries', colour: '#1f77b4', points }]));
  say(`chart: ${file} (the x axis counts connected streams; deliveries per second are appeals times streams)`);
} finally {
  await publisher.disconnect();
  await isolated.dispose();
}
