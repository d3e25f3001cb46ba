import { testInfra, uniqueName } from '@priemnaya/testing';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The services look documents up by `_id` on their hot paths (an appeal's clocks, a task, a
 * claim) and rely on the database doing it through its `_id` index, as MongoDB does. The local
 * FerretDB is built with that fix (scripts/infra/lib.sh, patch_ferretdb_id_lookup); without it
 * these lookups scan their collection and slow down with every document stored.
 */
describe('the database looks documents up by _id through its index', () => {
  const infra = testInfra();
  const client = new MongoClient(infra.mongoUrl);
  const db = client.db(uniqueName('id_lookups'));
  afterAll(async () => {
    await db.dropDatabase();
    await client.close();
  });

  it('for a find, a conditional replace and a delete by _id, and the whole filter still applies', async () => {
    const appeals = db.collection<{ _id: string; rev: number }>('appeal_clocks');
    await appeals.insertMany(Array.from({ length: 50 }, (_, index) => ({ _id: `appeal-${index}`, rev: 1 })));

    const plan = JSON.stringify(await appeals.find({ _id: 'appeal-42', rev: 1 }).explain());
    if (plan.includes('ferretdbVersion')) expect(plan).toMatch(/SEARCH \S+ USING INDEX \S+__id_/);
    else expect(plan).toMatch(/IDHACK|"indexName":"_id_"/);

    expect(await appeals.find({ _id: 'appeal-42', rev: 2 }).toArray()).toEqual([]);
    expect((await appeals.replaceOne({ _id: 'appeal-42', rev: 2 }, { rev: 3 })).matchedCount).toBe(0);
    expect((await appeals.replaceOne({ _id: 'appeal-42', rev: 1 }, { rev: 2 })).modifiedCount).toBe(1);
    expect(await appeals.findOne({ _id: 'appeal-42' })).toEqual({ _id: 'appeal-42', rev: 2 });
    expect((await appeals.deleteOne({ _id: 'appeal-43', rev: 9 })).deletedCount).toBe(0);
    expect((await appeals.deleteOne({ _id: 'appeal-43' })).deletedCount).toBe(1);
    expect(await appeals.countDocuments()).toBe(49);
  });
});
