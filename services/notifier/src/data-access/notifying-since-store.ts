import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

const FIRST_START = 'first-start';

/**
 * When this notifier's database first began notifying: inserted once, on the first start, and
 * kept. The appeal topics are kept for ever and read from the beginning, so without it a first
 * deploy into a fleet with history (or a lost database) would tell every citizen everything again.
 */
export function createNotifyingSinceStore(db: Db) {
  const starts = db.collection<{ _id: string; startedAt: Date }>('notifier_start');
  return {
    /** The instant recorded on the first start; `now` is recorded when there is none yet. */
    async firstStart(now: Date): Promise<Date> {
      try {
        await starts.insertOne({ _id: FIRST_START, startedAt: now });
        return now;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const kept = await starts.findOne({ _id: FIRST_START });
      if (kept === null) throw new Error('notifier_start: the first start is a duplicate key but cannot be read');
      return kept.startedAt;
    },
  };
}
export type NotifyingSinceStore = ReturnType<typeof createNotifyingSinceStore>;
