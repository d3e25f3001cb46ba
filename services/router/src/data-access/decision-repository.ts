import { isDuplicateKeyError } from '@priemnaya/database';
import type { ComplaintAbout, LawKind } from '@priemnaya/contracts';
import type { Db } from 'mongodb';
import type { DecisionRecord } from '../domain/route-appeal.js';

type DecisionDocument = Omit<DecisionRecord, 'appealId'> & { _id: string };

interface PendingPublication {
  ids: string[];
  at: Date;
  done: Promise<void>;
}

/** Every routing decision with its reason (rule, or model version, confidence and top terms), one per appeal. */
export function createDecisionRepository(db: Db) {
  const decisions = db.collection<DecisionDocument>('routing_decisions');

  const toRecord = ({ _id, ...rest }: DecisionDocument): DecisionRecord => ({ appealId: _id, ...rest });
  let pending: PendingPublication | undefined;

  return {
    async find(appealId: string): Promise<DecisionRecord | undefined> {
      const document = await decisions.findOne({ _id: appealId });
      return document ? toRecord(document) : undefined;
    },
    /** 59-FZ ст. 4: a person's later decision of the kind, so a hand-back is re-routed respecting it. */
    async recordLawKind(appealId: string, lawKind: LawKind, complaintAbout: ComplaintAbout | undefined): Promise<void> {
      const update = complaintAbout !== undefined
        ? { $set: { 'appeal.lawKind': lawKind, 'appeal.complaintAbout': complaintAbout } }
        : { $set: { 'appeal.lawKind': lawKind }, $unset: { 'appeal.complaintAbout': '' as const } };
      await decisions.updateOne({ _id: appealId, appeal: { $exists: true } }, update);
    },
    async insertIfAbsent(record: DecisionRecord): Promise<DecisionRecord> {
      const { appealId, ...rest } = record;
      try {
        await decisions.insertOne({ _id: appealId, ...rest });
        return record;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const winner = await decisions.findOne({ _id: appealId });
      if (!winner) throw new Error('routing decision vanished after a duplicate-key error');
      return toRecord(winner);
    },
    /**
     * Calls made in the same tick (one transaction's appeals) become one round trip: a bulk write
     * of one update per appeal, each found by its `_id` index (an `$in` of the ids would scan the
     * whole collection on FerretDB, a cost that grows with every appeal ever routed).
     */
    markPublished(appealId: string, at: Date): Promise<void> {
      if (!pending) {
        const batch: PendingPublication = { ids: [], at, done: Promise.resolve() };
        batch.done = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
          pending = undefined;
          await decisions.bulkWrite(
            batch.ids.map((_id) => ({ updateOne: { filter: { _id, publishedAt: { $exists: false } }, update: { $set: { publishedAt: batch.at } } } })),
            { ordered: false },
          );
        });
        pending = batch;
      }
      pending.ids.push(appealId);
      return pending.done;
    },
  };
}
