import type { Db } from 'mongodb';
import { bucketId, bucketIdBound } from '../domain/schedule-buckets.js';

export interface ScheduleEntry {
  alertId: string;
  appealId: string;
}

interface BucketDocument {
  _id: string;
  entries: ScheduleEntry[];
}

/**
 * The timing wheel: one document per minute and writer, holding the stages planned to fire in
 * that minute. Entries are hints, never deleted when a stage moves or is withdrawn: the tick
 * checks each against the appeal's current plan. A bucket is deleted once fired, so the
 * collection holds only future minutes (a few thousand documents), and the tick's range read
 * scans that small collection, never the appeals. With MongoDB the `_id` index serves the range.
 *
 * Each process writes only buckets of its own `writer` id, one write at a time: FerretDB does not
 * isolate `$addToSet` between concurrent writers, so a bucket must never have two.
 */
export function createScheduleStore(db: Db, writer: string) {
  const buckets = db.collection<BucketDocument>('schedule_buckets');
  return {
    async add(bucketMs: number, entries: ScheduleEntry[]): Promise<void> {
      if (entries.length === 0) return;
      await buckets.updateOne({ _id: bucketId(bucketMs, writer) }, { $addToSet: { entries: { $each: entries } } }, { upsert: true });
    },
    /** Every bucket of every writer before `beforeBucketMs`, oldest first. */
    async due(beforeBucketMs: number): Promise<BucketDocument[]> {
      const found = await buckets.find({ _id: { $lt: bucketIdBound(beforeBucketMs) } }).toArray();
      return found.sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    },
    async remove(id: string): Promise<void> {
      await buckets.deleteOne({ _id: id });
    },
    count(): Promise<number> {
      return buckets.countDocuments();
    },
  };
}
export type ScheduleStore = ReturnType<typeof createScheduleStore>;
