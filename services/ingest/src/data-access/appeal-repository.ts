import { AppealReceived } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { ScreeningIndex, StoredAppeal } from '../domain/submit-appeal.js';

interface AppealDocument {
  _id: string;
  appeal: AppealReceived;
  fingerprint: string;
  acknowledgedAt?: Date;
  /** What the person index files once Kafka has the appeal (a resend may be the one to do it). */
  screeningIndex: ScreeningIndex;
}

/** Each appeal exactly as it was registered and published, so a resend publishes the same one. */
export function createAppealRepository(db: Db) {
  const appeals = db.collection<AppealDocument>('appeals');

  function toStored(document: AppealDocument): StoredAppeal {
    return {
      appeal: AppealReceived.parse(document.appeal),
      fingerprint: document.fingerprint,
      screeningIndex: document.screeningIndex,
      ...(document.acknowledgedAt ? { acknowledgedAt: document.acknowledgedAt } : {}),
    };
  }

  return {
    async find(appealId: string): Promise<StoredAppeal | undefined> {
      const document = await appeals.findOne({ _id: appealId });
      return document ? toStored(document) : undefined;
    },
    async insertIfAbsent(stored: StoredAppeal): Promise<StoredAppeal> {
      try {
        await appeals.insertOne({
          _id: stored.appeal.appealId,
          appeal: stored.appeal,
          fingerprint: stored.fingerprint,
          screeningIndex: stored.screeningIndex,
        });
        return stored;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const winner = await appeals.findOne({ _id: stored.appeal.appealId });
      if (!winner) throw new Error('appeal vanished after a duplicate-key error');
      return toStored(winner);
    },
    async markAcknowledged(appealId: string, at: Date): Promise<void> {
      await appeals.updateOne({ _id: appealId, acknowledgedAt: { $exists: false } }, { $set: { acknowledgedAt: at } });
    },
  };
}
export type AppealRepository = ReturnType<typeof createAppealRepository>;
