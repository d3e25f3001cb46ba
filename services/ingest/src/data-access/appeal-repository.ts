import { AppealReceived } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { TextSignature } from '@priemnaya/prescreen';
import type { Db } from 'mongodb';
import type { ScreeningIndex, StoredAppeal } from '../domain/submit-appeal.js';

interface AppealDocument {
  _id: string;
  appeal: AppealReceived;
  fingerprint: string;
  acknowledgedAt?: Date;
  personKeys: string[];
  signature: TextSignature;
  /** Copied out of the appeal so the person lookup filters and sorts on an indexed date. */
  receivedAt: Date;
}

/** An earlier acknowledged appeal of the same person, as the pre-screen and the desk see it. */
export interface PersonAppeal {
  appealId: string;
  registrationNumber: string;
  channel: AppealReceived['channel'];
  receivedAt: Date;
  signature: TextSignature;
}

/**
 * Each appeal exactly as it was registered and published, so a resend publishes the same one,
 * with the author's normalised keys so that the same person is found across channels.
 */
export function createAppealRepository(db: Db) {
  const appeals = db.collection<AppealDocument>('appeals');

  function toStored(document: AppealDocument): StoredAppeal {
    return {
      appeal: AppealReceived.parse(document.appeal),
      fingerprint: document.fingerprint,
      screeningIndex: { personKeys: document.personKeys, signature: document.signature },
      ...(document.acknowledgedAt ? { acknowledgedAt: document.acknowledgedAt } : {}),
    };
  }

  return {
    async ensureIndexes(): Promise<void> {
      await appeals.createIndex({ personKeys: 1, receivedAt: -1 });
    },
    async find(appealId: string): Promise<StoredAppeal | undefined> {
      const document = await appeals.findOne({ _id: appealId });
      return document ? toStored(document) : undefined;
    },
    async insertIfAbsent(stored: StoredAppeal): Promise<StoredAppeal> {
      const { personKeys, signature }: ScreeningIndex = stored.screeningIndex;
      try {
        await appeals.insertOne({
          _id: stored.appeal.appealId,
          appeal: stored.appeal,
          fingerprint: stored.fingerprint,
          personKeys,
          signature,
          receivedAt: new Date(stored.appeal.receivedAt),
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
    /** Acknowledged appeals of anyone sharing one of `personKeys`, newest first. */
    async findByPerson(personKeys: string[], options: { since?: Date; limit: number }): Promise<PersonAppeal[]> {
      if (personKeys.length === 0) return [];
      const documents = await appeals
        .find(
          {
            personKeys: { $in: personKeys },
            acknowledgedAt: { $exists: true },
            ...(options.since ? { receivedAt: { $gte: options.since } } : {}),
          },
          {
            sort: { receivedAt: -1 },
            limit: options.limit,
            projection: { 'appeal.registrationNumber': 1, 'appeal.channel': 1, receivedAt: 1, signature: 1 },
          },
        )
        .toArray();
      return documents.map((document) => ({
        appealId: document._id,
        registrationNumber: document.appeal.registrationNumber,
        channel: document.appeal.channel,
        receivedAt: document.receivedAt,
        signature: document.signature,
      }));
    },
  };
}
export type AppealRepository = ReturnType<typeof createAppealRepository>;
