import type { AppealReceived } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { TextSignature } from '@priemnaya/prescreen';
import type { Db } from 'mongodb';

/** An earlier acknowledged appeal of the same person, as the pre-screen and the desk see it. */
export interface PersonAppeal {
  appealId: string;
  registrationNumber: string;
  channel: AppealReceived['channel'];
  receivedAt: Date;
  signature: TextSignature;
}

interface EntryDocument extends PersonAppeal {
  /** `<person key>#<n>`: the person's n-th appeal under this key. */
  _id: string;
}

interface HeadDocument {
  /** `<person key>#head` */
  _id: string;
  /** The highest n written so far, as far as this document knows; readers look past it. */
  last: number;
}

const LOOKUP_BATCH = 10;

/**
 * Each person key's appeals as a numbered run of documents, read and written only by `_id`.
 * FerretDB neither uses indexes for `$in` or sorted queries (a scan of every appeal, growing with
 * the year) nor isolates `$push`; an insert of a unique `_id` is both fast and atomic there. The
 * head only saves probing: it may lag behind (a lost `$max`), never mislead, because readers and
 * writers step past it until they meet a missing number.
 */
export function createPersonIndex(db: Db) {
  const entries = db.collection<EntryDocument>('person_appeals');
  const heads = db.collection<HeadDocument>('person_appeal_heads');

  async function lastNumber(key: string): Promise<number> {
    let last = (await heads.findOne({ _id: `${key}#head` }))?.last ?? 0;
    while (await entries.findOne({ _id: `${key}#${last + 1}` }, { projection: { _id: 1 } })) last += 1;
    return last;
  }

  async function recordUnder(key: string, appeal: PersonAppeal): Promise<void> {
    for (let n = (await lastNumber(key)) + 1; ; n++) {
      try {
        await entries.insertOne({ _id: `${key}#${n}`, ...appeal });
        await heads.updateOne({ _id: `${key}#head` }, { $max: { last: n } }, { upsert: true }).catch(() => undefined);
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  async function recentUnder(key: string, since: Date | undefined, limit: number): Promise<PersonAppeal[]> {
    const found: PersonAppeal[] = [];
    for (let n = await lastNumber(key); n > 0 && found.length < limit; n -= LOOKUP_BATCH) {
      const ids = Array.from({ length: Math.min(LOOKUP_BATCH, n) }, (_, i) => `${key}#${n - i}`);
      const batch = await Promise.all(ids.map((_id) => entries.findOne({ _id })));
      for (const entry of batch) {
        if (!entry) continue;
        if (since && entry.receivedAt < since) return found;
        const { _id: _, ...appeal } = entry;
        found.push(appeal);
      }
    }
    return found;
  }

  return {
    /** Files an acknowledged appeal under each of its author's keys. */
    async record(keys: readonly string[], appeal: PersonAppeal): Promise<void> {
      await Promise.all(keys.map((key) => recordUnder(key, appeal)));
    },
    /** The appeals filed under any of the keys, newest first, each once, at most `limit`. */
    async recent(keys: readonly string[], options: { since?: Date; limit: number }): Promise<PersonAppeal[]> {
      const perKey = await Promise.all(keys.map((key) => recentUnder(key, options.since, options.limit)));
      const unique = new Map<string, PersonAppeal>();
      for (const appeal of perKey.flat().sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())) {
        if (!unique.has(appeal.appealId)) unique.set(appeal.appealId, appeal);
      }
      return [...unique.values()].slice(0, options.limit);
    },
  };
}
export type PersonIndex = ReturnType<typeof createPersonIndex>;
