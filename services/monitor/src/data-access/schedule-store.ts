import type { Db } from 'mongodb';
import { decodeScheduleEntry, encodeScheduleEntry, type ScheduleEntry } from '../domain/schedule-line-codec.js';
import { bucketId, bucketIdBound, byShard, hourOf, HOUR } from '../domain/schedule-buckets.js';

/**
 * A bucket as stored: each line as text (domain/schedule-line-codec.ts). FerretDB turns every
 * field of a nested document into BSON on a read, and the lines' alerts made reading a due minute
 * the slowest step of a tick; one string per line reads several times faster and still dedupes
 * under `$addToSet`.
 */
export interface BucketDocument {
  _id: string;
  entries: (string | ScheduleEntry)[];
}

export type { PlannedAlert, ScheduleEntry } from '../domain/schedule-line-codec.js';
export { encodeScheduleEntry } from '../domain/schedule-line-codec.js';

export interface DueBucket {
  _id: string;
  hourMs: number;
  entries: ScheduleEntry[];
}

const PREFIX = 'schedule_';

/**
 * The timing wheel: documents per minute and writer (split by alert id into shards), in one
 * collection per hour. On FerretDB
 * every read scans its collection, so a tick that reads only the hours already begun scans the
 * stages of those hours, never the weeks of future stages (nor the appeals): its cost follows
 * what is due. A fired bucket is deleted, and an hour whose every minute closed and fired is
 * dropped whole. With MongoDB one collection and its `_id` index would do.
 *
 * Each process writes only buckets of its own `writer` id, one write at a time: FerretDB does not
 * isolate `$addToSet` between concurrent writers, so a bucket must never have two.
 */
export function createScheduleStore(db: Db, writer: string) {
  const hourCollection = (hourMs: number) => db.collection<BucketDocument>(`${PREFIX}${new Date(hourMs).toISOString().slice(0, 13).replace(/[-T]/g, '')}`);
  async function hours(): Promise<number[]> {
    const found = await db.listCollections({}, { nameOnly: true }).toArray();
    return found
      .flatMap((collection) => (collection.name.startsWith(PREFIX) ? [hourFromName(collection.name.slice(PREFIX.length))] : []))
      .filter((hour): hour is number => hour !== undefined)
      .sort((a, b) => a - b);
  }
  return {
    async add(bucketMs: number, entries: ScheduleEntry[]): Promise<void> {
      if (entries.length === 0) return;
      const hour = hourCollection(hourOf(bucketMs));
      for (const [shard, lines] of byShard(entries)) {
        await hour.updateOne({ _id: bucketId(bucketMs, writer, shard) }, { $addToSet: { entries: { $each: lines.map(encodeScheduleEntry) } } }, { upsert: true });
      }
    },
    /** Every bucket of every writer before `beforeBucketMs`, oldest first; reads only the hours begun by then. */
    async due(beforeBucketMs: number): Promise<DueBucket[]> {
      const bound = bucketIdBound(beforeBucketMs);
      const begun = (await hours()).filter((hourMs) => hourMs < beforeBucketMs);
      // Each hour is a table of its own: read side by side, the scans overlap.
      const perHour = await Promise.all(begun.map(async (hourMs) => {
        const buckets = await hourCollection(hourMs).find(hourMs + HOUR <= beforeBucketMs ? {} : { _id: { $lt: bound } }).toArray();
        return buckets.map((bucket) => ({ _id: bucket._id, hourMs, entries: bucket.entries.map(decodeScheduleEntry) }));
      }));
      return perHour.flat().sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    },
    /** Deletes an hour's buckets before `beforeBucketMs` (fired), in one pass over that hour. */
    async removeBefore(hourMs: number, beforeBucketMs: number): Promise<void> {
      await hourCollection(hourMs).deleteMany({ _id: { $lt: bucketIdBound(beforeBucketMs) } });
    },
    /** Drops an hour whose every bucket fired; no writer adds to an hour whose minutes all closed. */
    async dropHour(hourMs: number): Promise<void> {
      await hourCollection(hourMs).drop().catch(() => undefined);
    },
    /** Future stages and withdrawals held, for tests and the benchmark: reads every hour. */
    async countEntries(): Promise<number> {
      let total = 0;
      for (const hourMs of await hours()) for (const bucket of await hourCollection(hourMs).find({}).toArray()) total += bucket.entries.length;
      return total;
    },
  };
}
export type ScheduleStore = ReturnType<typeof createScheduleStore>;

function hourFromName(text: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (match === null) return undefined;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]));
}
