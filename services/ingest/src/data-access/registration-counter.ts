import { formatRegistrationNumber, type RegistrationNumber } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

interface IssuedNumberDocument {
  _id: string;
  year: number;
  sequence: number;
  issuedAt: Date;
}

/** After this many numbers taken by other replicas in a row, ask the database where the year stands. */
const PROBES_BEFORE_REREAD = 32;

/**
 * Registration numbers, unique and increasing within a year across every ingest replica. Each
 * issued number is a document whose `_id` is its year and sequence: of two replicas that try the
 * same number, the unique `_id` lets one win and the other takes the next. Not `$inc` on one
 * counter: FerretDB applies it without isolation, so concurrent increments return the same value
 * (production MongoDB would be safe with `$inc`, and this works there too).
 *
 * Within one replica, claims run one at a time from the last number it issued: concurrent
 * requests would otherwise all race for the same number, and the sorted query for the year's
 * highest number is a scan on FerretDB, so it runs once per year and after a run of collisions.
 */
export function createRegistrationCounter(db: Db) {
  const issued = db.collection<IssuedNumberDocument>('registration_numbers');
  let last: { year: number; sequence: number } | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  async function highestIssued(year: number): Promise<number> {
    const top = await issued.find({ year }, { sort: { sequence: -1 }, limit: 1, projection: { sequence: 1 } }).next();
    return top?.sequence ?? 0;
  }

  async function claim(year: number): Promise<RegistrationNumber> {
    let sequence = last?.year === year ? last.sequence : await highestIssued(year);
    for (let collisions = 0; ; ) {
      sequence += 1;
      try {
        await issued.insertOne({ _id: `appeals:${year}:${sequence}`, year, sequence, issuedAt: new Date() });
        last = { year, sequence };
        return formatRegistrationNumber(sequence, year);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (++collisions % PROBES_BEFORE_REREAD === 0) sequence = Math.max(sequence, await highestIssued(year));
      }
    }
  }

  return {
    async ensureIndexes(): Promise<void> {
      await issued.createIndex({ year: 1, sequence: -1 });
    },
    next(year: number): Promise<RegistrationNumber> {
      const result = queue.then(() => claim(year));
      // The next claim waits for this one whatever its outcome; the caller sees the outcome.
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
