import { connectDatabase, type Database } from '@priemnaya/database';
import { SAMPLE_UNITS } from '@priemnaya/reference-data';
import { testInfra, uniqueName } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { createRoutingRepository } from '../src/data-access/routing-repository.js';

const infra = testInfra();

async function freshDatabase(onTestFinished: (fn: () => Promise<void>) => void): Promise<Database> {
  const database = await connectDatabase(infra.mongoUrl, uniqueName('router-seed').replace(/-/g, '_'));
  onTestFinished(async () => {
    await database.db.dropDatabase();
    await database.close();
  });
  return database;
}

async function counts({ db }: Database) {
  return {
    units: await db.collection('units').countDocuments(),
    routes: await db.collection('routing_table').countDocuments(),
    rules: await db.collection('keyword_rules').countDocuments(),
  };
}

const SAMPLE_COUNTS = { units: SAMPLE_UNITS.length, routes: 13, rules: 13 };

describe.concurrent('the sample city seed', () => {
  it('when the database is empty, seeds every unit, route and keyword rule', async ({ expect, onTestFinished }) => {
    const database = await freshDatabase(onTestFinished);
    expect(await createRoutingRepository(database.db).seedIfEmpty()).toBe(true);
    expect(await counts(database)).toEqual(SAMPLE_COUNTS);
    expect((await createRoutingRepository(database.db).current()).table).toContainEqual({ topic: 'housing', unit: 'zhkh' });
  });

  it('when two routers seed at once, both succeed and nothing is doubled', async ({ expect, onTestFinished }) => {
    const database = await freshDatabase(onTestFinished);
    await Promise.all([createRoutingRepository(database.db).seedIfEmpty(), createRoutingRepository(database.db).seedIfEmpty()]);
    expect(await counts(database)).toEqual(SAMPLE_COUNTS);
  });

  it('when an earlier seed was cut short, completes it on the next start', async ({ expect, onTestFinished }) => {
    const database = await freshDatabase(onTestFinished);
    await database.db.collection<{ _id: string; startedAt: Date }>('seeds').insertOne({ _id: 'sample-city', startedAt: new Date() });
    await database.db.collection<{ _id: string; name: string }>('units').insertOne({ _id: 'zhkh', name: 'Управление ЖКХ' });
    expect(await createRoutingRepository(database.db).seedIfEmpty()).toBe(true);
    expect(await counts(database)).toEqual(SAMPLE_COUNTS);
  });

  it('when the city has units of its own, leaves its data alone', async ({ expect, onTestFinished }) => {
    const database = await freshDatabase(onTestFinished);
    await database.db.collection<{ _id: string; name: string }>('units').insertOne({ _id: 'dorogi', name: 'Комитет по дорогам' });
    expect(await createRoutingRepository(database.db).seedIfEmpty()).toBe(false);
    expect(await counts(database)).toEqual({ units: 1, routes: 0, rules: 0 });
  });
});
