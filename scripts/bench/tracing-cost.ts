/**
 * Benchmark: the cost of observability on intake. The same steady rate of `POST /v1/appeals`
 * against the real fleet (separate processes, real broker and database), twice: with traces
 * exported over OTLP/HTTP (the standard OTEL_* variables, to a local collector stand-in that
 * accepts and counts them) and without an exporter, alternating (BENCH_ROUNDS of each, 2 by
 * default), each run after a warm-up. Prints the acknowledgement latency's
 * percentiles of both and draws .cache/bench/tracing-cost.svg.
 *
 * With BENCH_SAMPLE_RATIO (say 0.1) a third mode runs in each round: export on, with the standard
 * head sampler `parentbased_traceidratio` keeping that share of traces, the lever a deployment
 * turns when full tracing costs too much.
 *
 *   ./scripts/dev bench tracing [appeals per second, 20] [seconds per run, 30]
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startIsolatedFleet } from '../fleet/isolated-fleet.js';
import { latencyChartSvg, percentile } from './latency-chart.js';

const rate = Number(process.argv[2] ?? 20);
const seconds = Number(process.argv[3] ?? 30);
if (!(rate > 0 && seconds > 0)) throw new Error(`appeals per second and seconds: positive numbers, got ${process.argv[2]} and ${process.argv[3]}`);
const WARM_UP_SECONDS = 10;
/** Runs of each mode, alternating: off, on, off, on. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const SAMPLE_RATIO = process.env.BENCH_SAMPLE_RATIO === undefined ? undefined : Number(process.env.BENCH_SAMPLE_RATIO);
if (SAMPLE_RATIO !== undefined && !(SAMPLE_RATIO > 0 && SAMPLE_RATIO <= 1)) throw new Error(`BENCH_SAMPLE_RATIO: a share in (0, 1], got ${process.env.BENCH_SAMPLE_RATIO}`);
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

/** Accepts OTLP/HTTP exports and counts their bytes, as a collector would take them. */
async function startCollector(): Promise<{ url: string; exports: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server = createServer((request, response) => {
    request.on('data', () => undefined);
    request.on('end', () => {
      if (request.url === '/v1/traces') received += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exports: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function run(label: string, extraEnv: Record<string, string>): Promise<number[]> {
  say(`${label}: starting the fleet...`);
  const isolated = await startIsolatedFleet(`trace-cost`, {
    extraEnv: { RATE_LIMIT_PER_MINUTE: '100000000', POS_SIMULATOR_SEED_ITEMS: '0', ...extraEnv },
    only: ['ingest', 'router', 'executor', 'registry', 'monitor', 'notifier'],
  });
  const latencies: number[] = [];
  try {
    // A fresh fleet is slow at first (models loading, connections opening): a warm-up at the
    // same rate, not measured, so neither run pays for its start.
    const warmUp = Math.round(rate * WARM_UP_SECONDS);
    const total = warmUp + Math.round(rate * seconds);
    const started = performance.now();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sends.push((async () => {
        const sent = performance.now();
        const response = await fetch(`${isolated.fleet.urls.ingest}/v1/appeals`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `${label.replace(/\s+/g, '-')}-${i}-${Date.now()}` },
          body: JSON.stringify({ text: `Во дворе дома ${i} не горят фонари`, author: { name: 'Житель', email: `resident${i}@example.org` } }),
        });
        const body = await response.text();
        if (response.status !== 202) throw new Error(`${label}: appeal ${i} answered ${response.status}: ${body}`);
        if (i >= warmUp) latencies.push(performance.now() - sent);
      })());
      if ((i + 1) % Math.round(rate * 5) === 0) say(`${label}: ${i + 1} of ${total} sent`);
    }
    await Promise.all(sends);
  } finally {
    await isolated.dispose();
  }
  return latencies;
}

const collector = await startCollector();
try {
  // Alternating runs, so neither mode gains from going second (a warmer broker, page cache).
  const off: number[] = [];
  const on: number[] = [];
  const sampled: number[] = [];
  const exporting = { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
  let sampledExports = 0;
  for (let round = 1; round <= ROUNDS; round++) {
    off.push(...(await run(`tracing off, round ${round}`, {})));
    on.push(...(await run(`tracing on, round ${round}`, exporting)));
    if (SAMPLE_RATIO !== undefined) {
      const before = collector.exports();
      sampled.push(
        ...(await run(`tracing on, ${SAMPLE_RATIO} sampled, round ${round}`, {
          ...exporting,
          OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
          OTEL_TRACES_SAMPLER_ARG: String(SAMPLE_RATIO),
        })),
      );
      sampledExports += collector.exports() - before;
    }
  }
  const line = (label: string, values: number[]) =>
    `${label}: ${values.length} appeals at ${rate}/s over ${ROUNDS} runs, acknowledged (202) in p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms`;
  console.log(line('tracing off', off));
  console.log(line(`tracing on (${collector.exports() - sampledExports} OTLP exports received)`, on));
  console.log(`cost of tracing at p99: ${(percentile(on, 99) - percentile(off, 99)).toFixed(1)} ms`);
  if (SAMPLE_RATIO !== undefined) {
    console.log(line(`tracing on, ${SAMPLE_RATIO} of traces sampled (${sampledExports} OTLP exports received)`, sampled));
    console.log(`cost of sampled tracing at p99: ${(percentile(sampled, 99) - percentile(off, 99)).toFixed(1)} ms`);
  }
  const out = fileURLToPath(new URL('../../.cache/bench/', import.meta.url));
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'tracing-cost.svg'), latencyChartSvg(`POST /v1/appeals at ${rate}/s: 202 latency (ms)`, [
    { name: 'tracing off', colour: '#1f77b4', values: off },
    { name: 'tracing on', colour: '#d62728', values: on },
    ...(SAMPLE_RATIO !== undefined ? [{ name: `tracing on, ${SAMPLE_RATIO} sampled`, colour: '#2ca02c', values: sampled }] : []),
  ]));
  say(`chart: ${path.join(out, 'tracing-cost.svg')}`);
} finally {
  await collector.close();
}
