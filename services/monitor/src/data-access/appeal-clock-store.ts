import { isDuplicateKeyError } from '@priemnaya/database';
import type { AppealClocks, PlannedStage } from '@priemnaya/deadlines';
import { AppError } from '@priemnaya/errors';
import type { Db } from 'mongodb';

/** One appeal's clocks, the stages they plan, and what the alerts need to say. */
export interface AppealClockDocument {
  _id: string;
  /** Raised by one on every write; a write based on an older revision is refused. */
  rev: number;
  registrationNumber?: string;
  state: AppealClocks;
  plan: PlannedStage[];
  /** Some clock is running: the appeal counts in re-plans, digests and forecasts. */
  open: boolean;
  /** The units whose clocks are running, for digests. */
  units: string[];
  updatedAt: string;
}

/** Another writer changed the appeal since it was read; applying the event again will see it. */
export class ConcurrentClockWrite extends AppError {
  constructor(appealId: string) {
    super('ConcurrentClockWrite', `the clocks of appeal ${appealId} changed while an event was applied`, { retriable: true });
  }
}

/**
 * The clocks by appeal id: every operation of an event is one `_id` index lookup (on MongoDB, and
 * on the local FerretDB as built by scripts/infra, whose stock 1.24 scans instead). A new appeal
 * is inserted without a read first (`insertNew`: one round trip for the common case); a known
 * appeal is read and replaced under its revision.
 */
export function createAppealClockStore(db: Db) {
  const appeals = db.collection<AppealClockDocument>('appeal_clocks');
  return {
    /** False when the appeal is already known. */
    async insertNew(document: AppealClockDocument): Promise<boolean> {
      try {
        await appeals.insertOne(document);
        return true;
      } catch (error) {
        if (isDuplicateKeyError(error)) return false;
        throw error;
      }
    },
    get(appealId: string): Promise<AppealClockDocument | null> {
      return appeals.findOne({ _id: appealId });
    },
    /**
     * Replaces the revision that was read. MongoDB applies the revision check atomically;
     * FerretDB does not isolate conditional writes, which is safe only because one monitor
     * process applies an appeal's events at a time (its partition's owner, writes serialised).
     */
    async replace(document: AppealClockDocument, readRev: number): Promise<void> {
      const result = await appeals.replaceOne({ _id: document._id, rev: readRev }, document);
      if (result.matchedCount === 0) throw new ConcurrentClockWrite(document._id);
    },
    /** Every appeal with a running clock: a full scan, for re-plans and digests, never for a tick. */
    listOpen(filter: { units?: string[] } = {}): Promise<AppealClockDocument[]> {
      return appeals.find({ open: true, ...(filter.units ? { units: { $in: filter.units } } : {}) }).toArray();
    },
  };
}
export type AppealClockStore = ReturnType<typeof createAppealClockStore>;
