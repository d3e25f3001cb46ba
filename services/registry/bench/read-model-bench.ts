/**
 * Benchmark: the registry's read model on the shared FerretDB, without Kafka: every fact of N
 * appeals (a full life, 18 facts each) applied as the consumer applies them, four appeals at a
 * time; then reading cards and searching. Prints facts per second as the collections grow.
 *
 *   MONGO_URL=... node --import tsx services/registry/bench/read-model-bench.ts [appeals, 200 by default]
 */
import { performance } from 'node:perf_hooks';
import { connectDatabase } from '@priemnaya/database';
import { createAppealReadModel } from '../src/data-access/appeal-read-model.js';
import { factFromReceived, type AppealFact } from '../src/domain/appeal-facts.js';
import { anAppealStory } from '../test/support/appeal-story.js';

const count = Number(process.argv[2] ?? 200);
if (!Number.isInteger(count) || count < 10) throw new Error(`appeals: a whole number of at least 10, got ${process.argv[2]}`);
const STEP = Math.max(10, Math.floor(count / 5));
const PARALLEL = 4;

const database = await connectDatabase(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true', `registry_bench_${process.pid}`);
try {
  const readModel = createAppealReadModel(database.db);
  await readModel.ensureIndexes();
  const stories = Array.from({ length: count }, (_, index) => anAppealStory({ leadUnit: `unit-${index % 7}`, coUnit: 'unit-co' }));
  console.log('appeals so far | facts in store | facts/s in this step | mean ms per fact');
  for (let start = 0; start < count; start += STEP) {
    const batch = stories.slice(start, start + STEP);
    const began = performance.now();
    let applied = 0;
    for (let offset = 0; offset < batch.length; offset += PARALLEL) {
      await Promise.all(
        batch.slice(offset, offset + PARALLEL).map(async (story) => {
          const facts: AppealFact[] = [factFromReceived(story.received), ...story.events];
          for (const fact of facts) await readModel.apply(fact);
          applied += facts.length;
        }),
      );
    }
    const seconds = (performance.now() - began) / 1000;
    const total = (start + batch.length) * 18;
    console.log(`${start + batch.length} | ${total} | ${(applied / seconds).toFixed(1)} | ${((seconds * 1000 * PARALLEL) / applied).toFixed(1)}`);
  }
  const ids = stories.slice(0, 20).map(({ received }) => received.appealId);
  let began = performance.now();
  for (const id of ids) await readModel.dossier(id);
  console.log(`card read (fold of 18 facts and the deadline): ${((performance.now() - began) / ids.length).toFixed(1)} ms each over ${ids.length}`);
  began = performance.now();
  const found = await readModel.search({ scopeUnits: ['unit-1'], statuses: ['closed'], limit: 21 });
  console.log(`search of one unit's closed appeals, first page of ${found.length}: ${(performance.now() - began).toFixed(1)} ms`);
} finally {
  await database.db.dropDatabase();
  await database.close();
}
