import { AppealReceived } from '@priemnaya/contracts';
import { createBatchedInserts, isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { ScreeningIndex, StoredAppeal } from '../domain/submit-appeal.js';

interface AppealDocument {
  _id: string;
  /**
   * The appeal as published, as JSON text: its raw channel payload may hold any field names a
   * client chose, and names with `.` or a leading `$` are refused as document keys.
   */
  appealJson: string;
  fingerprint: string;
  /** What the person window files once Kafka has the appeal (a resend may be the one to do it). */
  screeningIndex: ScreeningIndex;
  similarAppealIds?: string[];
}

interface AcknowledgementDocument {
  _id: string;
  at: Date;
}

/**
 * Each appeal exactly as it was registered and published, so a resend publishes the same one,
 * and, apart, the fact that Kafka acknowledged it. Both are written by inserting a unique `_id`
 * only: FerretDB does not isolate updates between writers, and an insert is one round trip,
 * shared by every submission in flight at the time (one `insertMany` each).
 */
export function createAppealRepository(db: Db) {
  const appeals = db.collection<AppealDocument>('appeals');
  const acknowledgements = db.collection<AcknowledgementDocument>('appeal_acknowledgements');
  const appealInserts = createBatchedInserts(appeals);
  const acknowledgementInserts = createBatchedInserts(acknowledgements);

  async function toStored(document: AppealDocument): Promise<StoredAppeal> {
    const acknowledgement = await acknowledgements.findOne({ _id: document._id });
    return {
      appeal: AppealReceived.parse(JSON.parse(document.appealJson)),
      fingerprint: document.fingerprint,
      screeningIndex: document.screeningIndex,
      ...(document.similarAppealIds !== undefined ? { similarAppealIds: document.similarAppealIds } : {}),
      ...(acknowledgement ? { acknowledgedAt: acknowledgement.at } : {}),
    };
  }

  return {
    async find(appealId: string): Promise<StoredAppeal | undefined> {
      const document = await appeals.findOne({ _id: appealId });
      return document ? toStored(document) : undefined;
    },
    async insertIfAbsent(stored: StoredAppeal): Promise<StoredAppeal> {
      try {
        await appealInserts.insert({
          _id: stored.appeal.appealId,
          appealJson: JSON.stringify(stored.appeal),
          fingerprint: stored.fingerprint,
          screeningIndex: stored.screeningIndex,
          ...(stored.similarAppealIds !== undefined ? { similarAppealIds: stored.similarAppealIds } : {}),
        });
        return stored;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const winner = await appeals.findOne({ _id: stored.appeal.appealId });
      if (!winner) throw new Error('appeal vanished after a duplicate-key error');
      return toStored(winner);
    },
    /** The first acknowledgement stands; a resend's is the same fact again. */
    async markAcknowledged(appealId: string, at: Date): Promise<void> {
      try {
        await acknowledgementInserts.insert({ _id: appealId, at });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
  };
}
export type AppealRepository = ReturnType<typeof createAppealRepository>;
