import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

interface AnswerDocument {
  /** The `appeal.answered` event id: a redelivered event is the same answer. */
  _id: string;
  appealId: string;
  unit: string;
  answeredAt: string;
}

/**
 * When each unit answered, for the at-risk forecast's pace: unique inserts by event id (cheap and
 * idempotent on FerretDB), read and pruned by the forecast's window only. A few thousand
 * documents at a city's volume (tens of answers a working day over a window of two weeks).
 */
export function createAnswerLog(db: Db) {
  const answers = db.collection<AnswerDocument>('unit_answers');
  return {
    async record(answer: { eventId: string; appealId: string; unit: string; answeredAt: string }): Promise<void> {
      try {
        await answers.insertOne({ _id: answer.eventId, appealId: answer.appealId, unit: answer.unit, answeredAt: answer.answeredAt });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    /** Answers given at or after `since`, every unit. */
    async since(since: string): Promise<{ unit: string; answeredAt: string }[]> {
      return answers.find({ answeredAt: { $gte: since } }, { projection: { _id: 0, unit: 1, answeredAt: 1 } }).toArray();
    },
    /** Forgets answers before `before`: they no longer count in any window. */
    async prune(before: string): Promise<void> {
      await answers.deleteMany({ answeredAt: { $lt: before } });
    },
  };
}
export type AnswerLog = ReturnType<typeof createAnswerLog>;
