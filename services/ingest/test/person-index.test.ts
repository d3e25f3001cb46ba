import { randomUUID } from 'node:crypto';
import { connectDatabase, type Database } from '@priemnaya/database';
import { textSignature } from '@priemnaya/prescreen';
import { uniqueName } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPersonIndex, type PersonAppeal } from '../src/data-access/person-index.js';
import { infra } from './support/ingest-harness.js';

function anAppeal(minutesAgo: number): PersonAppeal {
  return {
    appealId: randomUUID(),
    registrationNumber: `${String(minutesAgo + 1).padStart(5, '0')}/2026`,
    channel: 'site',
    receivedAt: new Date(Date.now() - minutesAgo * 60_000),
    signature: textSignature('Сломаны качели на детской площадке'),
  };
}

describe('the person index (person_appeals)', () => {
  let database: Database;
  beforeAll(async () => {
    database = await connectDatabase(infra.mongoUrl, uniqueName('ingest'));
  });
  afterAll(async () => {
    await database.db.dropDatabase();
    await database.close();
  });

  it('when the same person files many appeals at once, keeps every one of them', async () => {
    const index = createPersonIndex(database.db);
    const appeals = Array.from({ length: 25 }, (_, i) => anAppeal(i));

    await Promise.all(appeals.map((appeal) => index.record(['phone:+79160000001'], appeal)));

    const found = await index.recent(['phone:+79160000001'], { limit: 100 });
    expect(found.map((a) => a.appealId).sort()).toEqual(appeals.map((a) => a.appealId).sort());
  });

  it('answers newest first, each appeal once across keys, within the window and the limit', async () => {
    const index = createPersonIndex(database.db);
    const [recent, older, old] = [anAppeal(1), anAppeal(60), anAppeal(60 * 24 * 200)];
    for (const appeal of [old, older, recent]) await index.record(['phone:+79160000002', 'email:same@example.org'], appeal);

    const inWindow = await index.recent(['phone:+79160000002', 'email:same@example.org'], { since: new Date(Date.now() - 90 * 24 * 60 * 60_000), limit: 10 });
    const limited = await index.recent(['email:same@example.org'], { limit: 1 });

    expect(inWindow.map((a) => a.appealId)).toEqual([recent.appealId, older.appealId]);
    expect(limited.map((a) => a.appealId)).toEqual([recent.appealId]);
    expect(await index.recent(['phone:+79169999999'], { limit: 10 })).toEqual([]);
  });

  it('when the head lags behind the entries, reads and writes step past it', async () => {
    const index = createPersonIndex(database.db);
    const [first, second] = [anAppeal(2), anAppeal(1)];
    await index.record(['name:иванова|мария'], first);
    await database.db.collection('person_appeal_heads').deleteOne({ _id: 'name:иванова|мария#head' as never });

    await index.record(['name:иванова|мария'], second);

    expect((await index.recent(['name:иванова|мария'], { limit: 10 })).map((a) => a.appealId)).toEqual([second.appealId, first.appealId]);
  });
});
