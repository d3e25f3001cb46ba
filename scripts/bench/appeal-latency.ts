/**
 * Benchmark: latency from `POST /v1/appeals` to its 202, and to the task being listed by the
 * executor, over the real fleet (separate processes) and the real broker. Prints percentiles and
 * draws the latency of each appeal to .cache/bench/appeal-latency.svg.
 *
 *   ./scripts/dev bench [count]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStaffTokens } from '@priemnaya/auth';
import { devStaffTokenSecret } from '../auth/dev-secret.js';
import { startIsolatedFleet } from '../fleet/isolated-fleet.js';
import { latencyChartSvg, percentile } from './latency-chart.js';

const count = Number(process.argv[2] ?? 100);
const WARM_UP = 5;
process.stderr.write(`[bench] starting the fleet...\n`);
// One address sends everything here; the per-client limit would measure itself.
const isolated = await startIsolatedFleet('bench', { extraEnv: { RATE_LIMIT_PER_MINUTE: '100000000', POS_SIMULATOR_SEED_ITEMS: '0' } });
const { fleet } = isolated;
const inbox = { authorization: `Bearer ${await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'bench', role: 'executor', units: ['zhkh'] })}` };

const acknowledged: number[] = [];
const listed: number[] = [];
try {
  for (let i = 0; i < WARM_UP + count; i++) {
    const started = performance.now();
    const response = await fetch(`${fleet.urls.ingest}/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        text: `В подъезде дома ${i + 1} нет отопления, батареи холодные.`,
        author: { name: 'Житель дома', email: 'resident@example.org' },
      }),
    });
    if (response.status !== 202) throw new Error(`POST answered ${response.status}: ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    const ackAt = performance.now();
    for (;;) {
      const tasks = (await (await fetch(`${fleet.urls.executor}/v1/units/zhkh/tasks?limit=500`, { headers: inbox })).json()) as { tasks: { appealId: string }[] };
      if (tasks.tasks.some((task) => task.appealId === id)) break;
      if (performance.now() - started > 30_000) throw new Error(`appeal ${id} was not listed within 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (i >= WARM_UP) {
      acknowledged.push(ackAt - started);
      listed.push(performance.now() - started);
    }
    if ((i + 1) % 10 === 0) process.stderr.write(`[bench] ${i + 1}/${WARM_UP + count} appeals\n`);
  }
} finally {
  // The benchmark's topics and databases are its own; leave nothing behind.
  await isolated.dispose();
}

const summary = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(0)} ms, p95 ${percentile(values, 95).toFixed(0)} ms, p99 ${percentile(values, 99).toFixed(0)} ms, max ${Math.max(...values).toFixed(0)} ms`;
console.log(`appeals measured: ${count} (after ${WARM_UP} warm-up), sent one at a time`);
console.log(`POST /v1/appeals to 202 (acknowledged by Kafka): ${summary(acknowledged)}`);
console.log(`POST /v1/appeals to task listed by the executor: ${summary(listed)}`);

const chart = path.resolve(import.meta.dirname, '../../.cache/bench/appeal-latency.svg');
await mkdir(path.dirname(chart), { recursive: true });
await writeFile(
  chart,
  latencyChartSvg(`Appeal latency over the real fleet (${count} appeals)`, [
    { name: 'POST to task listed', colour: '#c0392b', values: listed },
    { name: 'POST to 202', colour: '#2471a3', values: acknowledged },
  ]),
);
console.log(`chart: ${chart}`);
