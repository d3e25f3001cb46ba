import type { ControlAlert } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Collection, Db, Filter, OptionalUnlessRequiredId } from 'mongodb';

/**
 * A claim is as small as a document gets, its alert id and its batch: whoever raises an alert
 * again (a tick re-reading its wheel line, the forecast) brings the payload, and the batch says
 * who claimed it and when. Small documents insert several times faster on FerretDB, and these
 * inserts bound the stages fired per second.
 */
interface ClaimDocument {
  _id: string;
  /** The batch it was claimed in. */
  b?: string;
  /** Claims written before batches existed say who and when themselves. */
  session?: string;
  claimedAt?: string;
}

/** A batch of claims, written before its claims: the monitor process that claimed them, and when. */
interface BatchDocument {
  _id: string;
  session: string;
  claimedAt: string;
  alerts: number;
}

/** A mark that Kafka acknowledged a batch (`_id` the batch) or one alert taken over (`_id` the alert). */
interface ProducedDocument {
  _id: string;
  producedAt: string;
}

export interface Claim {
  session: string;
  claimedAt: string;
  produced: boolean;
}

export interface ClaimedBatch {
  /** The id the batch's "produced" mark is written under. */
  batch: string;
  /** Alert ids whose claim already existed: not this batch's to produce unless taken over. */
  existing: Set<string>;
}

/**
 * Which alerts were raised, by alert id, as unique inserts only (cheap and atomic on FerretDB, as
 * on MongoDB): a claim per alert before producing, and one mark per batch after Kafka acknowledged
 * the batch. An alert is produced only by the monitor whose claim insert won, or, when its claim's
 * batch was never marked produced within the lease, by one that takes it over (and marks that
 * alert alone). One small insert per alert: the inserts bound the stages fired per second.
 */
export function createAlertLedger(db: Db, session: string) {
  const claims = db.collection<ClaimDocument>('alert_claims');
  const batches = db.collection<BatchDocument>('alert_batches');
  const produced = db.collection<ProducedDocument>('alerts_produced');
  let batchesClaimed = 0;
  return {
    /** Claims each alert in a new batch of this process; says which claims already existed. */
    async claim(alerts: readonly ControlAlert[], now: Date): Promise<ClaimedBatch> {
      batchesClaimed += 1;
      const batch = `${session}:${batchesClaimed}`;
      if (alerts.length === 0) return { batch, existing: new Set() };
      await insertNew(batches, [{ _id: batch, session, claimedAt: now.toISOString(), alerts: alerts.length }]);
      return { batch, existing: await insertNew(claims, alerts.map((alert) => ({ _id: alert.alertId, b: batch }))) };
    },
    /**
     * The claims that existed, with whether each was produced: a rare path (after a crash, beside
     * another monitor, or the forecast raising an alert again). Each claim, batch and mark is read
     * by its `_id` (an index lookup): an `$in` would scan these collections on FerretDB, and they
     * hold every alert ever raised.
     */
    async inspect(alertIds: readonly string[]): Promise<Map<string, Claim>> {
      const found = new Map<string, Claim>();
      if (alertIds.length === 0) return found;
      const claimed = await byIds(claims, [...new Set(alertIds)]);
      const batchIds = [...new Set(claimed.flatMap((claim) => (claim.b === undefined ? [] : [claim.b])))];
      const batchOf = new Map((await byIds(batches, batchIds)).map((batch) => [batch._id, batch] as const));
      // Claims written before batches existed were marked one by one, under the alert id.
      const marks = new Set((await byIds(produced, [...batchIds, ...claimed.map((claim) => claim._id)])).map((mark) => mark._id));
      for (const claim of claimed) {
        const batch = claim.b === undefined ? undefined : batchOf.get(claim.b);
        const by = batch ?? { session: claim.session ?? 'unknown', claimedAt: claim.claimedAt ?? new Date(0).toISOString() };
        found.set(claim._id, { session: by.session, claimedAt: by.claimedAt, produced: marks.has(claim._id) || (claim.b !== undefined && marks.has(claim.b)) });
      }
      return found;
    },
    /** Kafka acknowledged every alert this batch claimed. */
    async markBatchProduced(batch: string, now: Date): Promise<void> {
      await insertNew(produced, [{ _id: batch, producedAt: now.toISOString() }]);
    },
    /** Kafka acknowledged these alerts, taken over from claims of a batch that was never marked. */
    async markProduced(alertIds: readonly string[], now: Date): Promise<void> {
      if (alertIds.length === 0) return;
      const producedAt = now.toISOString();
      await insertNew(produced, alertIds.map((id) => ({ _id: id, producedAt })));
    },
  };
}
export type AlertLedger = ReturnType<typeof createAlertLedger>;

const LOOKUPS_IN_FLIGHT = 32;

/** The documents of these ids that exist, each read by its `_id`, a few lookups at a time. */
async function byIds<T extends { _id: string }>(collection: Collection<T>, ids: readonly string[]): Promise<T[]> {
  const found: T[] = [];
  for (let start = 0; start < ids.length; start += LOOKUPS_IN_FLIGHT) {
    const documents = await Promise.all(ids.slice(start, start + LOOKUPS_IN_FLIGHT).map((_id) => collection.findOne({ _id } as Filter<T>)));
    for (const document of documents) if (document !== null) found.push(document as T);
  }
  return found;
}

/** Inserts each document unless its `_id` exists; returns the ids that existed. */
async function insertNew<T extends { _id: string }>(collection: Collection<T>, documents: T[]): Promise<Set<string>> {
  try {
    await collection.insertMany(documents as OptionalUnlessRequiredId<T>[], { ordered: false });
    return new Set();
  } catch (error) {
    const failures = writeErrorsOf(error);
    if (failures === undefined || failures.some((failure) => !isDuplicateKeyError(failure))) throw error;
    return new Set(failures.map((failure) => documents[failure.index]?._id).filter((id): id is string => id !== undefined));
  }
}

interface WriteFailure {
  index: number;
  code?: number;
}

function writeErrorsOf(error: unknown): WriteFailure[] | undefined {
  const writeErrors = (error as { writeErrors?: unknown }).writeErrors;
  if (writeErrors === undefined) return undefined;
  const list = (Array.isArray(writeErrors) ? writeErrors : [writeErrors]) as { index: number; code?: number; err?: { code?: number } }[];
  return list.map((failure) => ({ index: failure.index, code: failure.code ?? failure.err?.code }));
}
