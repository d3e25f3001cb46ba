import { formatRegistrationNumber, type RegistrationNumber } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

interface IssuedNumberDocument {
  _id: string;
  year: number;
  /** The highest sequence the document covers: a number issued one at a time, or a block's last. */
  sequence: number;
  /** A block's first sequence (absent for numbers issued one at a time, before blocks). */
  first?: number;
  issuedAt: Date;
}

/** How many numbers a replica reserves at once; a replica that stops leaves the rest of its block unused. */
export const REGISTRATION_BLOCK_SIZE = 100;

/**
 * Registration numbers, unique within a year across every ingest replica and never reused,
 * without a database round trip per appeal: a replica reserves a block of numbers with one
 * insert and issues them from memory.
 *
 * Blocks lie on a grid of `blockSize` numbers (block k holds k·size+1 … (k+1)·size), each a
 * document whose `_id` is its year and k: of two replicas that reach for the same block, the
 * unique `_id` lets one win and the other takes the next. A new block starts past the highest
 * number any document covers (blocks and the single numbers issued before blocks), so no number
 * is issued twice. Not `$inc` on one counter: FerretDB applies it without isolation.
 *
 * What the order means: within a replica numbers rise with time; across replicas they do not
 * (two replicas issue from two blocks side by side), and a replica that stops leaves the rest of
 * its block as a gap. The time of registration is `receivedAt`, never the number's rank.
 */
export function createRegistrationCounter(db: Db, { blockSize = REGISTRATION_BLOCK_SIZE }: { blockSize?: number } = {}) {
  const issued = db.collection<IssuedNumberDocument>('registration_numbers');
  let block: { year: number; next: number; last: number } | undefined;
  let reserving: Promise<unknown> = Promise.resolve();

  async function highestIssued(year: number): Promise<number> {
    const top = await issued.find({ year }, { sort: { sequence: -1 }, limit: 1, projection: { sequence: 1 } }).next();
    return top?.sequence ?? 0;
  }

  async function reserve(year: number): Promise<void> {
    let k = Math.floor((await highestIssued(year)) / blockSize) + 1;
    for (;;) {
      const first = (k - 1) * blockSize + 1;
      try {
        await issued.insertOne({ _id: `appeals:${year}:block:${k}`, year, sequence: k * blockSize, first, issuedAt: new Date() });
        block = { year, next: first, last: k * blockSize };
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Another replica took it: past the highest again (it may have taken several since).
        k = Math.max(k + 1, Math.floor((await highestIssued(year)) / blockSize) + 1);
      }
    }
  }

  const spent = (year: number) => block?.year !== year || block.next > block.last;

  function take(year: number): RegistrationNumber | undefined {
    if (spent(year) || block === undefined) return undefined;
    const sequence = block.next++;
    return formatRegistrationNumber(sequence, year);
  }

  return {
    async ensureIndexes(): Promise<void> {
      await issued.createIndex({ year: 1, sequence: -1 });
    },
    async next(year: number): Promise<RegistrationNumber> {
      for (;;) {
        const number = take(year);
        if (number !== undefined) return number;
        // One reservation at a time: callers that find the block spent wait for the same one.
        const ahead = reserving;
        const mine = ahead.then(() => (spent(year) ? reserve(year) : undefined));
        reserving = mine.catch(() => undefined);
        await mine;
      }
    },
  };
}
