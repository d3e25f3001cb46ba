/**
 * Benchmark: task delivery by the executor service to connected executors' gRPC streams.
 *
 *   node --import tsx services/executor/bench/task-delivery.ts [streams levels, default 1,50,200,500] [seconds per level, default 8] [tasks per second, default 10]
 *
 * Starts the real executor as its own process (an isolated fleet of the executor alone, on the
 * shared Kafka and FerretDB), then for each level opens that many WatchTasks streams on a unit of
 * its own, waits until every stream has received a warm-up task, and produces tasks to
 * `tasks.<unit>` at a steady rate. The latency of a delivery is from just before the task is
 * produced to its arrival on a stream; it is taken for every stream and task. Prints progress to
 * stderr and, per level, the streams held, deliveries, missing deliveries and p50/p99/max.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { credentials, Metadata } from '@grpc/grpc-js';
import { createStaffTokens, withStaffToken } from '@priemnaya/auth';
import type { TaskAssigned } from '@priemnaya/contracts';
import { createPublisher } from '@priemnaya/kafka';
import { uniqueName, waitFor } from '@priemnaya/testing';
import { ExecutorServiceClient, type WatchTasksResponse } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
// The fleet's own scripts, by path: they start the service as a real process.
import { devStaffTokenSecret } from '../../../scripts/auth/dev-secret.js';
import { percentile } from '../../../scripts/bench/latency-chart.js';
import { startIsolatedFleet } from '../../../scripts/fleet/isolated-fleet.js';

const levels = (process.argv[2] ?? '1,50,200,500').split(',').map(Number);
const seconds = Number(process.argv[3] ?? 8);
const rate = Number(process.argv[4] ?? 10);
if (levels.some((level) => !Number.isInteger(level) || level < 1) || !(seconds > 0) || !(rate > 0)) throw new Error('usage: task-delivery.ts [1,50,200,500] [seconds] [tasks per second]');
/** Streams share this many gRPC channels (HTTP/2 connections), as many executors' clients would not share one. */
const CHANNELS = 10;
/** Units of the sample city whose task topics the isolated fleet creates: one per level, so levels do not share a feed. */
const UNITS: { code: string; topic: TaskAssigned['topic'] }[] = [
  { code: 'zhkh', topic: 'housing' },
  { code: 'roads', topic: 'roads' },
  { code: 'transport', topic: 'transport' },
  { code: 'ecology', topic: 'ecology' },
  { code: 'health', topic: 'health' },
  { code: 'social', topic: 'social' },
];

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const started = performance.now();
say('starting the executor service (isolated fleet of the executor alone)...');
// The service's warnings and group changes show beside the figures: a rebalance explains a slow tail.
const isolated = await startIsolatedFleet('bench-tasks', {
  only: ['executor'],
  // A group of its own: another executor joining the default group on the shared broker would stall this one in a rebalance.
  extraEnv: { CONSUMER_GROUP: uniqueName('bench-executor') },
  onLine: (_service, line) => {
    if (/"level":(40|50|60)|re-subscribing|joined consumer group/.test(line)) say(`  executor: ${line.slice(0, 300)}`);
  },
});
const address = isolated.fleet.grpcAddresses.executor;
if (!address) throw new Error('the executor has no gRPC address');
const publisher = createPublisher({ kafka: isolated.kafka, names: isolated.names });
const channels = Array.from({ length: CHANNELS }, () => new ExecutorServiceClient(address, credentials.createInsecure()));
const rows: string[] = [];
const adminToken = await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'bench-admin', role: 'administrator', units: [] });

let registration = 0;
function aTask(unit: string, topic: TaskAssigned['topic']): TaskAssigned {
  registration += 1;
  const now = new Date().toISOString();
  return {
    version: 1,
    appealId: randomUUID(),
    registrationNumber: `${String(registration).padStart(5, '0')}/2026`,
    unit,
    topic,
    channel: 'site',
    receivedAt: now,
    routedAt: now,
    text: `Не горит фонарь во дворе (нагрузочное обращение ${registration})`,
    reason: { kind: 'keyword-rule', ruleId: 'bench', matchedTerms: ['фонарь'] },
  };
}

try {
  await publisher.connect();
  for (const [index, streams] of levels.entries()) {
    const unit = UNITS[index];
    if (!unit) throw new Error(`at most ${UNITS.length} levels (one unit each)`);
    const { topic } = unit;
    const metadata = withStaffToken(new Metadata(), await createStaffTokens(devStaffTokenSecret()).issue({ staffId: `bench-${unit.code}`, role: 'executor', units: [unit.code] }));
    const producedAt = new Map<string, number>();
    const latencies: number[] = [];
    const seen = Array.from({ length: streams }, () => new Set<string>());
    let failures = 0;
    const calls = Array.from({ length: streams }, (_, stream) => {
      const client = channels[stream % CHANNELS] as ExecutorServiceClient;
      const call = client.watchTasks({ unit: unit.code, afterCursor: '' }, metadata);
      call.on('data', (response: WatchTasksResponse) => {
        const appealId = response.task?.appealId ?? '';
        seen[stream]?.add(appealId);
        const at = producedAt.get(appealId);
        if (at !== undefined) latencies.push(performance.now() - at);
      });
      call.on('error', () => (failures += 1));
      return call;
    });

    say(`${streams} streams on ${unit.code}: waiting until each has a warm-up task...`);
    const warmUp = aTask(unit.code, topic);
    await publisher.publish([{ topic: 'tasks', payload: warmUp }]);
    await waitFor(() => seen.every((set) => set.has(warmUp.appealId)), { timeoutMs: 60_000, description: 'every stream to get the warm-up task' });

    const total = Math.round(seconds * rate);
    say(`${streams} streams: producing ${total} tasks at ${rate}/s...`);
    const begin = performance.now();
    const sends: Promise<void>[] = [];
    for (let sent = 0; sent < total; sent += 1) {
      const due = begin + (sent * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const task = aTask(unit.code, topic);
      producedAt.set(task.appealId, performance.now());
      sends.push(publisher.publish([{ topic: 'tasks', payload: task }]));
      if ((sent + 1) % Math.max(1, Math.round(rate * 2)) === 0) say(`  ${sent + 1}/${total} produced, ${latencies.length} deliveries so far`);
    }
    await Promise.all(sends);
    const expected = total * streams;
    const complete = await waitFor(() => latencies.length >= expected, { timeoutMs: 30_000, description: 'every delivery' }).then(
      () => true,
      () => false,
    );
    if (!complete) {
      // Late or lost? Count what the executor has recorded of them (a lagging consumer) against what streams got.
      const response = await fetch(`${isolated.fleet.urls.executor}/v1/units/${unit.code}/tasks?limit=500`, { headers: { authorization: `Bearer ${adminToken}` } });
      const listed = new Set(((await response.json()) as { tasks: { appealId: string }[] }).tasks.map((task) => task.appealId));
      const recorded = [...producedAt.keys()].filter((appealId) => listed.has(appealId)).length;
      const onEveryStream = [...producedAt.keys()].filter((appealId) => seen.every((set) => set.has(appealId))).length;
      say(`  after 30 s: ${recorded}/${total} tasks recorded by the executor, ${onEveryStream}/${total} on every stream`);
    }
    for (const call of calls) call.cancel();

    const sorted = [...latencies].sort((a, b) => a - b);
    const fmt = (ms: number | undefined) => (ms === undefined ? '-' : `${ms.toFixed(1)} ms`);
    const row = `streams ${String(streams).padStart(4)} | deliveries ${String(latencies.length).padStart(6)}/${expected} | missing ${expected - latencies.length} | stream errors ${failures} | p50 ${fmt(percentile(sorted, 50))} | p99 ${fmt(percentile(sorted, 99))} | max ${fmt(sorted.at(-1))}`;
    rows.push(row);
    say(row);
  }
} finally {
  for (const client of channels) client.close();
  await publisher.disconnect();
  say('stopping the executor and removing its topics and database...');
  await isolated.dispose();
}

process.stdout.write(`\nTask delivery to gRPC WatchTasks streams, ${rate} tasks/s for ${seconds} s per level (latency from producing to tasks.<unit> to arrival on each stream):\n`);
for (const row of rows) process.stdout.write(`${row}\n`);
process.stdout.write(`(total run ${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
