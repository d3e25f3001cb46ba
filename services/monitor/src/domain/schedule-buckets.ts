/**
 * The schedule is a timing wheel of one-minute buckets. A bucket is closed, and its stages
 * fired, once its minute is over and `graceMs` more have passed, so a writer that put a stage
 * into the current minute has finished before the bucket is read.
 */
const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export function bucketStart(instantMs: number): number {
  return Math.floor(instantMs / MINUTE) * MINUTE;
}

/**
 * The bucket a stage goes into: its own minute, or the current one when that is already past
 * (a stage that became due while the appeal was being replayed or re-planned fires at once).
 */
export function bucketFor(fireAt: string, nowMs: number): number {
  return Math.max(bucketStart(Date.parse(fireAt)), bucketStart(nowMs));
}

/** The first bucket not yet closed at `nowMs`: every bucket before it may be fired. */
export function firstOpenBucket(nowMs: number, graceMs: number): number {
  return bucketStart(nowMs - MINUTE - graceMs) + MINUTE;
}

/**
 * A minute's lines of one writer are split over this many documents by alert id, so a minute
 * where thousands of stages wait for the working day to start (9:00 on a Monday) stays far below
 * the 16 MB document limit: a line takes about 200 bytes (domain/schedule-line-codec.ts), so at 4
 * shards a minute of 100,000 stages is 25,000 lines (about 5 MB) a document, and the limit is
 * reached only near 300,000 stages planned by one process into one minute. Few shards keep
 * sparse minutes in few documents: FerretDB's cost of a read is largely per document (at a
 * million clocks a busy tick read 3,299 documents of 3 lines each with 16 shards).
 */
export const BUCKET_SHARDS = 4;

export function shardOf(alertId: string): number {
  return Number.parseInt(alertId.slice(0, 2), 16) % BUCKET_SHARDS;
}

/** Bucket ids sort by time as text: `<ISO minute>|<writer>|<shard>`. */
export function bucketId(bucketMs: number, writer: string, shard: number): string {
  return `${new Date(bucketMs).toISOString()}|${writer}|${String(shard).padStart(2, '0')}`;
}

/** A minute's lines by the shard of the bucket they go into. */
export function byShard<T extends { alertId: string }>(entries: readonly T[]): Map<number, T[]> {
  const shards = new Map<number, T[]>();
  for (const entry of entries) {
    const shard = shardOf(entry.alertId);
    shards.set(shard, [...(shards.get(shard) ?? []), entry]);
  }
  return shards;
}

export function bucketIdBound(bucketMs: number): string {
  return new Date(bucketMs).toISOString();
}

/** The UTC hour a bucket belongs to: the wheel keeps each hour's buckets together. */
export function hourOf(bucketMs: number): number {
  return Math.floor(bucketMs / HOUR) * HOUR;
}
