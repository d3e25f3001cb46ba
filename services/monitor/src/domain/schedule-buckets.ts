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

/** Bucket ids sort by time as text: `<ISO minute>|<writer>`. */
export function bucketId(bucketMs: number, writer: string): string {
  return `${new Date(bucketMs).toISOString()}|${writer}`;
}

export function bucketIdBound(bucketMs: number): string {
  return new Date(bucketMs).toISOString();
}

/** The UTC hour a bucket belongs to: the wheel keeps each hour's buckets together. */
export function hourOf(bucketMs: number): number {
  return Math.floor(bucketMs / HOUR) * HOUR;
}
