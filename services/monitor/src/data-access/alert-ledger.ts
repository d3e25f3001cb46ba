import type { ControlAlert } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

/**
 * A claim holds no copy of the alert: whoever raises an alert again (a tick re-reading its wheel
 * line, the forecast) brings the payload, and small documents insert several times faster on
 * FerretDB, which bounds the stages fired per second.
 */
interface ClaimDocument {
  _id: string;
  /** The monitor process that claimed it. */
  session: string;
  claimedAt: string;
}

interface ProducedDocument {
  _id: string;
  producedAt: string;
}

export interface Claim {
  session: string;
  claimedAt: string;
  produced: boolean;
}

/**
 * Which alerts were raised, by alert id, as unique inserts only (cheap and atomic on FerretDB,
 * as on MongoDB): a claim before producing, a mark after Kafka acknowledged it. An alert is
 * produced only by the monitor whose claim insert won, or, when its claim was never marked
 * produced within the lease, by one that takes it over.
 */
export function createAlertLedger(db: Db) {
  const claims = db.collection<ClaimDocument>('alert_claims');
  const produced = db.collection<ProducedDocument>('alerts_produced');
  return {
    /** Claims each alert; returns the ids whose claim already existed. */
    async claim(alerts: ControlAlert[], session: string, now: Date): Promise<Set<string>> {
      if (alerts.length === 0) return new Set();
      const claimedAt = now.toISOString();
      const documents = alerts.map((alert) => ({ _id: alert.alertId, session, claimedAt }));
      try {
        await claims.insertMany(documents, { ordered: false });
        return new Set();
      } catch (error) {
        const failures = writeErrorsOf(error);
        if (failures === undefined || failures.some((failure) => !isDuplicateKeyError(failure))) throw error;
        return new Set(failures.map((failure) => documents[failure.index]?._id).filter((id): id is string => id !== undefined));
      }
    },
    /** A claim that existed: whose, since when, and whether it was produced. A rare path (after a crash or beside another monitor). */
    async inspect(alertId: string): Promise<Claim | undefined> {
      const claim = await claims.findOne({ _id: alertId });
      if (claim === null) return undefined;
      const mark = await produced.findOne({ _id: alertId });
      return { session: claim.session, claimedAt: claim.claimedAt, produced: mark !== null };
    },
    async markProduced(alertIds: string[], now: Date): Promise<void> {
      if (alertIds.length === 0) return;
      const producedAt = now.toISOString();
      try {
        await produced.insertMany(alertIds.map((id) => ({ _id: id, producedAt })), { ordered: false });
      } catch (error) {
        const failures = writeErrorsOf(error);
        if (failures === undefined || failures.some((failure) => !isDuplicateKeyError(failure))) throw error;
      }
    },
    countProduced(): Promise<number> {
      return produced.countDocuments();
    },
  };
}
export type AlertLedger = ReturnType<typeof createAlertLedger>;

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
