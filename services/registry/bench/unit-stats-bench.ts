/**
 * Benchmark: the units' charts (`GET /v1/staff/units/stats`) over N appeals on the shared
 * FerretDB. Applying N appeals' facts through the read model would take hours at its rate on
 * FerretDB (read-model-bench.ts), so the appeals' index entries and day marks are written as the
 * read model writes them (same domain functions, same collections), in bulk; then the route is
 * asked through its real HTTP handler: reading for every chart, then with each set of units' read
 * kept for 60 s (the first run of each query reads). Appeals: received over the last 120 days in
 * 10 units, each stopped at a point of its life, so some are open, some overdue, some answered.
 *
 *   MONGO_URL=... node --import tsx services/registry/bench/unit-stats-bench.ts [appeals, 20000 by default]
 */
import { performance } from 'node:perf_hooks';
import { createStaffTokens } from '@priemnaya/auth';
import { connectDatabase } from '@priemnaya/database';
import { createHttpServer } from '@priemnaya/http';
import { pino } from 'pino';
import { createAppealReadModel } from '../src/data-access/appeal-read-model.js';
import { createUnitStatsSnapshot } from '../src/data-access/unit-stats-snapshot.js';
import { foldCard } from '../src/domain/appeal-card.js';
import { factFromReceived, type AppealFact } from '../src/domain/appeal-facts.js';
import { indexEntry } from '../src/domain/appeal-index.js';
import { cityZone, deadlinesOf } from '../src/domain/answer-deadline.js';
import { unitTimeline } from '../src/domain/unit-timeline.js';
import { unitStatsRoutes } from '../src/entry-points/http/unit-stats-routes.js';
import { anAppealStory } from '../test/support/appeal-story.js';

const count = Number(process.argv[2] ?? 20_000);
if (!Number.isInteger(count) || count < 10) throw new Error(`appeals: a whole number of at least 10, got ${process.argv[2]}`);
const NOW = new Date('2026-11-23T09:00:00.000Z');
const DAY_MS = 86_400_000;
const BATCH = 500;
const zone = cityZone();

const database = await connectDatabase(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true', `registry_stats_bench_${process.pid}`);
try {
  const readModel = createAppealReadModel(database.db);
  await readModel.ensureIndexes();
  const index = database.db.collection('appeal_index');
  const marks = database.db.collection('unit_day_marks');
  let began = performance.now();
  let markCount = 0;
  for (let start = 0; start < count; start += BATCH) {
    const entries = [];
    const batchMarks = [];
    for (let offset = start; offset < Math.min(count, start + BATCH); offset += 1) {
      const receivedAt = new Date(NOW.getTime() - ((offset * 7919) % (120 * 24 * 60)) * 60_000 - DAY_MS).toISOString();
      const story = anAppealStory({ receivedAt, leadUnit: `unit-${offset % 10}`, coUnit: `unit-${(offset + 3) % 10}`, firstUnit: `unit-${(offset + 5) % 10}` });
      const facts: AppealFact[] = [factFromReceived(story.received), ...story.events.slice(0, 4 + (offset % 14))].filter(({ occurredAt }) => occurredAt < NOW.toISOString());
      const card = foldCard(facts);
      if (card === undefined) continue;
      const deadlines = deadlinesOf(facts);
      const timeline = unitTimeline(facts, deadlines, zone);
      const { id, ...entry } = indexEntry(card, deadlines.answer, facts.length);
      entries.push({ _id: id, ...entry, spans: JSON.stringify(timeline.spans), spanUnits: [...new Set(timeline.spans.map(({ unit }) => unit))] });
      batchMarks.push(...timeline.marks.map(({ id: markId, ...mark }) => ({ _id: markId, ...mark })));
    }
    if (entries.length > 0) await index.insertMany(entries as never[]);
    if (batchMarks.length > 0) await marks.insertMany(batchMarks as never[]);
    markCount += batchMarks.length;
  }
  console.log(`seeded ${count} appeals and ${markCount} marks in ${((performance.now() - began) / 1000).toFixed(1)} s`);

  const tokens = createStaffTokens('unit-stats-bench-secret-0123456789abcdef');
  const token = await tokens.issue({ staffId: 'admin', role: 'administrator', units: [] });
  for (const maxAgeMs of [0, 60_000]) {
    const http = createHttpServer({ logger: pino({ level: 'silent' }) });
    unitStatsRoutes(http, { snapshot: createUnitStatsSnapshot(readModel, { now: () => NOW, maxAgeMs }), tokens, now: () => NOW });
    await http.ready();
    console.log(maxAgeMs === 0 ? 'every chart reads: ' : `each set of units' read kept for ${maxAgeMs / 1000} s (run 1 reads): `);
    console.log('query | run 1 ms | run 2 ms | run 3 ms | appeals open on the last day');
    for (const query of ['units=unit-1&days=30', 'units=unit-1,unit-2,unit-3&days=30', 'units=unit-1,unit-2,unit-3&days=90', `units=${Array.from({ length: 10 }, (_, i) => `unit-${i}`).join(',')}&days=90`]) {
      const times: string[] = [];
      let open = 0;
      for (let run = 0; run < 3; run += 1) {
        began = performance.now();
        const response = await http.inject({ method: 'GET', url: `/v1/staff/units/stats?${query}`, headers: { authorization: `Bearer ${token}` } });
        times.push((performance.now() - began).toFixed(0));
        if (response.statusCode !== 200) throw new Error(`${query}: ${response.statusCode} ${response.body}`);
        const body = response.json<{ units: { days: { open: number }[] }[] }>();
        open = body.units.reduce((sum, unit) => sum + (unit.days.at(-1)?.open ?? 0), 0);
      }
      console.log(`${query} | ${times.join(' | ')} | ${open}`);
    }
    await http.close();
  }
} finally {
  await database.db.dropDatabase();
  await database.close();
}
