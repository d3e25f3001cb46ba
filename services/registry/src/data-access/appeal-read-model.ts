import type { AppealStatus, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { HistoryEntry, ReadModelChange } from '../domain/apply-event.js';

interface AppealDocument {
  _id: string;
  registrationNumber: string;
  channel: string;
  receivedAt: string;
  status: AppealStatus;
  statusRank: number;
  unit?: UnitCode;
  topic?: RoutingTopic;
  routingReason?: RoutingReason;
  updatedAt: string;
  appeal?: NonNullable<ReadModelChange['received']>;
}

interface HistoryDocument extends Omit<HistoryEntry, 'eventId'> {
  _id: string;
}

export interface AppealStatusView {
  id: string;
  registrationNumber: string;
  status: AppealStatus;
  unit?: UnitCode;
  topic?: RoutingTopic;
  receivedAt: string;
  updatedAt: string;
}

/**
 * The registry's read model, built only from events: one document per appeal with its current
 * status, and one history document per event. Every write is idempotent, so replaying the
 * topics from the beginning rebuilds the same state.
 */
export function createAppealReadModel(db: Db) {
  const appeals = db.collection<AppealDocument>('appeals');
  const history = db.collection<HistoryDocument>('appeal_history');

  return {
    async ensureIndexes(): Promise<void> {
      await history.createIndex({ appealId: 1, occurredAt: 1 });
      await appeals.createIndex({ registrationNumber: 1 });
      await appeals.createIndex({ unit: 1, status: 1 });
    },

    async apply(change: ReadModelChange): Promise<void> {
      const { eventId, ...entry } = change.history;
      try {
        await history.insertOne({ _id: eventId, ...entry });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const appealId = change.history.appealId;
      // Create the document on the first fact, whichever topic it came from...
      await appeals.updateOne(
        { _id: appealId },
        {
          $setOnInsert: { ...change.facts, status: 'received', statusRank: -1, updatedAt: change.status.at },
        },
        { upsert: true },
      );
      if (change.received) await appeals.updateOne({ _id: appealId }, { $set: { appeal: change.received } });
      // ...then move the status forward only: a status never goes back to an earlier one.
      const { status, rank, unit, topic, reason, at } = change.status;
      await appeals.updateOne(
        { _id: appealId, statusRank: { $lt: rank } },
        {
          $set: {
            status,
            statusRank: rank,
            updatedAt: at,
            ...(unit !== undefined ? { unit } : {}),
            ...(topic !== undefined ? { topic } : {}),
            ...(reason !== undefined ? { routingReason: reason } : {}),
          },
        },
      );
    },

    async findStatus(appealId: string): Promise<AppealStatusView | undefined> {
      const document = await appeals.findOne({ _id: appealId });
      if (!document || document.statusRank < 0) return undefined;
      return {
        id: document._id,
        registrationNumber: document.registrationNumber,
        status: document.status,
        ...(document.unit !== undefined ? { unit: document.unit } : {}),
        ...(document.topic !== undefined ? { topic: document.topic } : {}),
        receivedAt: document.receivedAt,
        updatedAt: document.updatedAt,
      };
    },

    async history(appealId: string): Promise<HistoryEntry[]> {
      const documents = await history.find({ appealId }).sort({ occurredAt: 1 }).toArray();
      return documents.map(({ _id, ...entry }) => ({ eventId: _id, ...entry }));
    },
  };
}
export type AppealReadModel = ReturnType<typeof createAppealReadModel>;
