import type { AppealStatus, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import { statusOrder, type HistoryEntry, type ReadModelChange } from '../domain/apply-event.js';

interface AppealDocument {
  _id: string;
  registrationNumber: string;
  channel: string;
  receivedAt: string;
  status: AppealStatus;
  /** statusOrder() of the status shown; empty until the first status is applied. */
  statusOrder: string;
  unit?: UnitCode;
  topic?: RoutingTopic;
  routingReason?: RoutingReason;
  updatedAt: string;
  appeal?: NonNullable<ReadModelChange['received']>;
}

interface HistoryDocument extends Omit<HistoryEntry, 'eventId'> {
  _id: string;
}

/** Which appeals a bulk lookup wants; every filter given must hold. */
export interface AppealListFilter {
  ids?: string[];
  registrationNumbers?: string[];
  channel?: string;
  statuses?: string[];
  /** Received at or after this instant, as normalised ISO text. */
  receivedFrom?: string;
  /** Received at or before this instant, as normalised ISO text. */
  receivedTo?: string;
  limit: number;
}

export interface AppealListItem extends AppealStatusView {
  channel: string;
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
      await appeals.createIndex({ channel: 1, receivedAt: -1 });
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
      try {
        await appeals.updateOne(
          { _id: appealId },
          { $setOnInsert: { ...change.facts, status: 'received', statusOrder: '', updatedAt: change.status?.at ?? change.history.occurredAt } },
          { upsert: true },
        );
      } catch (error) {
        // Two replicas upserting the same new appeal: the other one created it, as wanted.
        if (!isDuplicateKeyError(error)) throw error;
      }
      if (change.received) await appeals.updateOne({ _id: appealId }, { $set: { appeal: change.received } });
      // ...then take the status only if it is the latest change seen for the appeal.
      if (change.status === undefined) return;
      const { status, unit, topic, reason, at } = change.status;
      const order = statusOrder(change.status);
      // Back in triage, no unit holds it; the executors' statuses keep the routing's unit and topic.
      const unset: Partial<Record<'unit' | 'topic', ''>> =
        status === 'triage'
          ? { ...(unit === undefined ? { unit: '' as const } : {}), ...(topic === undefined ? { topic: '' as const } : {}) }
          : {};
      await appeals.updateOne(
        { _id: appealId, statusOrder: { $lt: order } },
        {
          $set: {
            status,
            statusOrder: order,
            updatedAt: at,
            ...(unit !== undefined ? { unit } : {}),
            ...(topic !== undefined ? { topic } : {}),
            ...(reason !== undefined ? { routingReason: reason } : {}),
          },
          ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
        },
      );
    },

    async findStatus(appealId: string): Promise<AppealStatusView | undefined> {
      const document = await appeals.findOne({ _id: appealId });
      if (!document || document.statusOrder === '') return undefined;
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

    /** Appeals whose status is known, newest first, with no personal data. */
    async list(filter: AppealListFilter): Promise<AppealListItem[]> {
      const receivedAt = {
        ...(filter.receivedFrom !== undefined ? { $gte: filter.receivedFrom } : {}),
        ...(filter.receivedTo !== undefined ? { $lte: filter.receivedTo } : {}),
      };
      const documents = await appeals
        .find(
          {
            statusOrder: { $ne: '' },
            ...(filter.ids !== undefined ? { _id: { $in: filter.ids } } : {}),
            ...(filter.registrationNumbers !== undefined ? { registrationNumber: { $in: filter.registrationNumbers } } : {}),
            ...(filter.channel !== undefined ? { channel: filter.channel } : {}),
            ...(filter.statuses !== undefined ? { status: { $in: filter.statuses as AppealStatus[] } } : {}),
            ...(Object.keys(receivedAt).length > 0 ? { receivedAt } : {}),
          },
          // Only the public facts: the author, the text and the routing reason stay here.
          { sort: { receivedAt: -1, _id: 1 }, limit: filter.limit, projection: { appeal: 0, routingReason: 0 } },
        )
        .toArray();
      return documents.map((document) => ({
        id: document._id,
        registrationNumber: document.registrationNumber,
        channel: document.channel,
        status: document.status,
        ...(document.unit !== undefined ? { unit: document.unit } : {}),
        ...(document.topic !== undefined ? { topic: document.topic } : {}),
        receivedAt: document.receivedAt,
        updatedAt: document.updatedAt,
      }));
    },

    async history(appealId: string): Promise<HistoryEntry[]> {
      const documents = await history.find({ appealId }).sort({ occurredAt: 1 }).toArray();
      return documents.map(({ _id, ...entry }) => ({ eventId: _id, ...entry }));
    },
  };
}
export type AppealReadModel = ReturnType<typeof createAppealReadModel>;
