/**
 * Benchmark: accepted appeals per second through `POST /v1/appeals` with the whole fleet running
 * (separate processes, the real broker and database), and the acknowledgement latency at each
 * load; beside it, in the same run, the raw ceiling of the same Kafka for the same message size
 * with a bare kafkajs producer, so the ratio shows what the service costs.
 *
 *   ./scripts/dev bench intake [seconds per level]
 *
 * Load is closed-loop: N clients each send an appeal, wait for its 202, send the next. The level
 * with the most appeals per second gives the headline figure and the latency at that rate. Then,
 * on the whole fleet, a sustained phase (BENCH_SUSTAINED_APPEALS, default 3,000) timed until each
 * appeal is in the registry, a task and a clock, with each service's CPU per appeal, and an open
 * loop at 500 appeals/s for the acknowledgement latency at that rate. The same levels run again
 * against ingest alone, so the cost of intake shows apart from the work each appeal sets off
 * downstream on the same machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { type AppealReceived, formatRegistrationNumber } from '@priemnaya/contracts';
import { ensureTopics } from '@priemnaya/kafka';
import { testInfra } from '@priemnaya/testing';
import { Partitioners } from 'kafkajs';
import { MongoClient } from 'mongodb';
import type { ServiceName } from '../fleet/fleet.js';
import { startIsolatedFleet } from '../fleet/isolated-fleet.js';
import { throughputChartSvg } from './throughput-chart.js';
import { percentile } from './latency-chart.js';

const secondsPerLevel = Number(process.argv[2] ?? 8);
const LEVELS = [1, 4, 16, 48];
/** Appeals of the sustained phase, sent by this many concurrent clients as fast as they are acknowledged. */
const SUSTAINED_APPEALS = Number(process.env.BENCH_SUSTAINED_APPEALS ?? 3_000);
const SUSTAINED_CLIENTS = 64;
const OPEN_LOOP_RATE = 500;
/** Distinct sequences across phases: each appeal from another citizen. */
let sequenceBase = 0;
interface LevelResult {
  clients: number;
  /** Appeals acknowledged at this level. */
  count: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Runs `clients` closed loops of `send` for the level's duration; returns throughput and latency. */
async function runLevel(clients: number, send: (sequence: number) => Promise<void>): Promise<LevelResult> {
  const latencies: number[] = [];
  let sequence = 0;
  const started = performance.now();
  const deadline = started + secondsPerLevel * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const sentAt = performance.now();
        await send(sequence++);
        latencies.push(performance.now() - sentAt);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { clients, count: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

const submission = (sequence: number) =>
  JSON.stringify({
    text: `В подъезде дома ${sequence % 200} по улице Садовой третью неделю нет отопления, батареи холодные, в квартирах 14 градусов. Просим принять меры.`,
    // Each appeal from another citizen, as at a city's intake; the pre-screen still looks each one up.
    author: { name: `Петрова${sequence} Анна Сергеевна`, email: `resident${sequence}@example.org`, postalAddress: 'ул. Садовая, 12, кв. 5' },
    problemAddress: 'ул. Садовая, 12',
  });

/** The message ingest would publish for such a submission, so the raw producer sends the same size. */
function sampleAppeal(sequence: number): AppealReceived {
  const body = JSON.parse(submission(sequence)) as { text: string; author: AppealReceived['author']; problemAddress: string };
  return {
    version: 2,
    appealId: randomUUID(),
    registrationNumber: formatRegistrationNumber(sequence + 1, 2026),
    channel: 'site',
    kind: 'appeal',
    receivedAt: new Date().toISOString(),
    author: body.author,
    text: body.text,
    problemAddress: body.problemAddress,
    attachments: [],
    raw: { format: 'json', body },
    screening: [],
  };
}

/** Sends one appeal to ingest at `url`; throws unless it is acknowledged. */
async function postAppeal(url: string, sequence: number): Promise<void> {
  const response = await fetch(`${url}/v1/appeals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: submission(sequence) });
  if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** Open loop: `perSecond` appeals a second for `seconds`, each sent on time whatever the others do; latency of each. */
async function openLoop(url: string, perSecond: number, seconds: number, firstSequence: number): Promise<{ sent: number; p50: number; p99: number; achieved: number }> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  let sent = 0;
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * perSecond);
    while (sent < due) {
      const sequence = firstSequence + sent++;
      const at = performance.now();
      pending.push(postAppeal(url, sequence).then(() => void latencies.push(performance.now() - at)));
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await Promise.all(pending);
  return { sent, p50: percentile(latencies, 50), p99: percentile(latencies, 99), achieved: sent / ((performance.now() - started) / 1000) };
}

/** How many appeals the registry, the executor (tasks) and the monitor (clocks) hold in this fleet's databases. */
async function downstreamCounts(client: MongoClient, databaseOf: (service: ServiceName) => string): Promise<{ registry: number; tasks: number; clocks: number }> {
  const [registry, tasks, clocks] = await Promise.all([
    client.db(databaseOf('registry')).collection('appeal_index').countDocuments({}),
    client.db(databaseOf('executor')).collection('tasks').countDocuments({}),
    client.db(databaseOf('monitor')).collection('appeal_clocks').countDocuments({}),
  ]);
  return { registry, tasks, clocks };
}

/** Waits until every appeal acknowledged so far is in the registry, a task and a clock; resolves with when that was. */
async function drained(client: MongoClient, databaseOf: (service: ServiceName) => string, expected: number): Promise<number> {
  let lastSaid = 0;
  for (;;) {
    const counts = await downstreamCounts(client, databaseOf);
    if (counts.registry >= expected && counts.tasks >= expected && counts.clocks >= expected) return performance.now();
    if (performance.now() - lastSaid > 5_000) {
      process.stderr.write(`[bench]   downstream: registry ${counts.registry}, tasks ${counts.tasks}, clocks ${counts.clocks} of ${expected}\n`);
      lastSaid = performance.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Closed-loop levels of `POST /v1/appeals` against the ingest at `url`. */
async function measureIngest(url: string, label: string): Promise<LevelResult[]> {
  const results: LevelResult[] = [];
  for (const clients of LEVELS) {
    process.stderr.write(`[bench] ${label}: POST /v1/appeals with ${clients} concurrent clients for ${secondsPerLevel} s...\n`);
    const result = await runLevel(clients, (sequence) => postAppeal(url, sequence + sequenceBase));
    sequenceBase += result.count;
    results.push(result);
    process.stderr.write(`[bench]   ${result.perSecond.toFixed(0)} appeals/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms\n`);
  }
  return results;
}

const fleetOptions = {
  // One address sends everything here; the per-client limit would measure itself.
  extraEnv: { RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'warn', POS_SIMULATOR_SEED_ITEMS: '0' },
  // Warnings and errors of the services are shown: a failed request must say why.
  onLine: (service: string, line: string) => process.stderr.write(`[${service}] ${line}\n`),
};
process.stderr.write('[bench] starting the whole fleet...\n');
const isolated = await startIsolatedFleet('bench', fleetOptions);
const { kafka } = isolated;
const rawTopic = `${isolated.names.prefix}bench.raw`;
await ensureTopics(kafka, [{ name: rawTopic }], { partitions: 3, replicationFactor: testInfra().replicationFactor });

let service: LevelResult[] = [];
let sustained: { appeals: number; acknowledgedSeconds: number; drainedSeconds: number; cpuMs: Partial<Record<ServiceName, number>> } | undefined;
let openLoopResult: Awaited<ReturnType<typeof openLoop>> | undefined;
let alone: LevelResult[] = [];
const rawSingle: LevelResult[] = [];
let rawBatched = 0;
let messageBytes = 0;
try {
  service = await measureIngest(isolated.fleet.urls.ingest, 'whole fleet');
  const client = await MongoClient.connect(isolated.infra.mongoUrl);
  try {
    const acknowledgedSoFar = service.reduce((n, r) => n + r.count, 0);
    process.stderr.write(`[bench] whole fleet: letting the levels' ${acknowledgedSoFar} appeals drain...\n`);
    await drained(client, (service) => isolated.databaseOf(service), acknowledgedSoFar);
    const expected = acknowledgedSoFar + SUSTAINED_APPEALS;
    process.stderr.write(`[bench] whole fleet: sustained, ${SUSTAINED_APPEALS} appeals by ${SUSTAINED_CLIENTS} clients, until each is in the registry, a task and a clock...\n`);
    const cpuBefore = await isolated.fleet.cpuMs();
    const started = performance.now();
    let next = 0;
    const url = isolated.fleet.urls.ingest;
    await Promise.all(
      Array.from({ length: SUSTAINED_CLIENTS }, async () => {
        while (next < SUSTAINED_APPEALS) await postAppeal(url, sequenceBase + next++);
      }),
    );
    sequenceBase += SUSTAINED_APPEALS;
    const acknowledgedAt = performance.now();
    const drainedAt = await drained(client, (service) => isolated.databaseOf(service), expected);
    const cpuAfter = await isolated.fleet.cpuMs();
    const cpuMs = Object.fromEntries(Object.entries(cpuAfter).map(([name, ms]) => [name, (ms - (cpuBefore[name as ServiceName] ?? 0)) / SUSTAINED_APPEALS]));
    sustained = { appeals: SUSTAINED_APPEALS, acknowledgedSeconds: (acknowledgedAt - started) / 1000, drainedSeconds: (drainedAt - started) / 1000, cpuMs };
    process.stderr.write(`[bench]   ${(SUSTAINED_APPEALS / sustained.drainedSeconds).toFixed(0)} appeals/s end to end\n`);
    process.stderr.write(`[bench] whole fleet: open loop, ${OPEN_LOOP_RATE} appeals/s for ${secondsPerLevel} s...\n`);
    openLoopResult = await openLoop(url, OPEN_LOOP_RATE, secondsPerLevel, sequenceBase);
    sequenceBase += openLoopResult.sent;
  } finally {
    await client.close();
  }
} finally {
  await isolated.fleet.stop();
}
// The same ingest with nothing else running: what the service itself costs, apart from the
// routing, registry, executor and monitor work every appeal sets off on the same two cores.
process.stderr.write('[bench] starting ingest alone...\n');
const single = await startIsolatedFleet('bench', { ...fleetOptions, only: ['ingest'] });
try {
  alone = await measureIngest(single.fleet.urls.ingest, 'ingest alone');
} finally {
  await single.dispose();
}

// The same broker, the same message size, the producer settings ingest uses: idempotent, acks from all replicas.
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
await producer.connect();
try {
  for (const clients of LEVELS) {
    process.stderr.write(`[bench] bare kafkajs producer, one message a send, ${clients} concurrent senders for ${secondsPerLevel} s...\n`);
    const result = await runLevel(clients, async (sequence) => {
      const appeal = sampleAppeal(sequence);
      const value = JSON.stringify(appeal);
      messageBytes = Buffer.byteLength(value);
      await producer.send({ topic: rawTopic, acks: -1, messages: [{ key: appeal.appealId, value }] });
    });
    rawSingle.push(result);
    process.stderr.write(`[bench]   ${result.perSecond.toFixed(0)} messages/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms\n`);
  }
  process.stderr.write(`[bench] bare kafkajs producer, batches of 500 messages, for ${secondsPerLevel} s...\n`);
  const batched = await runLevel(1, async (sequence) => {
    const messages = Array.from({ length: 500 }, (_, i) => {
      const appeal = sampleAppeal(sequence * 500 + i);
      return { key: appeal.appealId, value: JSON.stringify(appeal) };
    });
    await producer.send({ topic: rawTopic, acks: -1, messages });
  });
  rawBatched = batched.perSecond * 500;
} finally {
  await producer.disconnect();
  // The benchmark's topics (the raw one included) and databases are its own; leave nothing behind.
  await isolated.dispose();
}

const fastest = (results: LevelResult[]) => results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
const best = fastest(service);
const bestAlone = fastest(alone);
const bestRaw = fastest(rawSingle);
const row = (r: LevelResult) => `| ${r.clients} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`;
console.log(`message size: ${messageBytes} bytes; ${secondsPerLevel} s per level; closed loop`);
console.log('\nPOST /v1/appeals through the whole fleet (202 = Kafka has the appeal):');
console.log('| clients | appeals/s | p50 ms | p99 ms |\n| --- | --- | --- | --- |');
service.forEach((r) => console.log(row(r)));
console.log('\nPOST /v1/appeals to ingest alone (every other service stopped):');
console.log('| clients | appeals/s | p50 ms | p99 ms |\n| --- | --- | --- | --- |');
alone.forEach((r) => console.log(row(r)));
console.log('\nbare kafkajs producer, same broker and size, one message a send, acks=all, idempotent:');
console.log('| senders | messages/s | p50 ms | p99 ms |\n| --- | --- | --- | --- |');
rawSingle.forEach((r) => console.log(row(r)));
console.log(`\nbare kafkajs producer, batches of 500: ${rawBatched.toFixed(0)} messages/s`);
if (sustained) {
  console.log(`\nsustained, whole fleet: ${sustained.appeals} appeals acknowledged in ${sustained.acknowledgedSeconds.toFixed(1)} s, each in the registry, a task and a clock after ${sustained.drainedSeconds.toFixed(1)} s`);
  console.log('CPU per appeal, by service (ms):');
  console.log('| service | CPU ms per appeal |\n| --- | --- |');
  for (const [name, ms] of Object.entries(sustained.cpuMs).sort(([, a], [, b]) => b - a)) console.log(`| ${name} | ${ms.toFixed(2)} |`);
  console.log(`appeals/s routed, tasked, clocked and in the registry, sustained: ${(sustained.appeals / sustained.drainedSeconds).toFixed(0)}`);
}
if (openLoopResult) {
  console.log(`open loop at ${OPEN_LOOP_RATE} appeals/s (whole fleet): sent ${openLoopResult.sent} at ${openLoopResult.achieved.toFixed(0)}/s, acknowledgement p50 ${openLoopResult.p50.toFixed(1)} ms, p99 ${openLoopResult.p99.toFixed(1)} ms`);
}

console.log(`\naccepted appeals per second: ${best.perSecond.toFixed(0)} (at ${best.clients} clients), p50 ${best.p50.toFixed(1)} ms, p99 ${best.p99.toFixed(1)} ms`);
console.log(`ingest alone: ${bestAlone.perSecond.toFixed(0)} appeals/s (at ${bestAlone.clients} clients), p50 ${bestAlone.p50.toFixed(1)} ms, p99 ${bestAlone.p99.toFixed(1)} ms`);
console.log(`raw Kafka ceiling, one message a send: ${bestRaw.perSecond.toFixed(0)} messages/s; ratio fleet/raw: ${(best.perSecond / bestRaw.perSecond).toFixed(3)}, ingest alone/raw: ${(bestAlone.perSecond / bestRaw.perSecond).toFixed(3)}`);
console.log(`raw Kafka ceiling, batched: ${rawBatched.toFixed(0)} messages/s; ratio fleet/raw: ${(best.perSecond / rawBatched).toFixed(4)}, ingest alone/raw: ${(bestAlone.perSecond / rawBatched).toFixed(4)}`);

const chart = path.resolve(import.meta.dirname, '../../.cache/bench/intake-throughput.svg');
await mkdir(path.dirname(chart), { recursive: true });
await writeFile(
  chart,
  throughputChartSvg('Intake throughput and acknowledgement latency by concurrent clients', [
    { name: 'POST /v1/appeals (whole fleet)', colour: '#c0392b', points: service },
    { name: 'POST /v1/appeals (ingest alone)', colour: '#e67e22', points: alone },
    { name: 'bare kafkajs producer', colour: '#2471a3', points: rawSingle },
  ]),
);
console.log(`chart: ${chart}`);
