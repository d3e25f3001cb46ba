import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

/** What the ledger knows of a notification before it is produced. */
export type Claim = 'new' | 'produced' | 'unfinished';

/**
 * Which notifications were produced, in two insert-only collections (FerretDB isolates unique
 * inserts, not updates): a claim before producing and a mark after. A redelivered event finds
 * the mark and produces nothing; only a crash between producing and marking produces again, with
 * the same notification id, which the adapters deliver once.
 */
export function createNotificationLedger(db: Db) {
  const claims = db.collection<{ _id: string; appealId: string; claimedAt: Date }>('notification_claims');
  const produced = db.collection<{ _id: string; producedAt: Date }>('notifications_produced');
  return {
    async claim(notificationId: string, appealId: string): Promise<Claim> {
      try {
        await claims.insertOne({ _id: notificationId, appealId, claimedAt: new Date() });
        return 'new';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      return (await produced.findOne({ _id: notificationId })) === null ? 'unfinished' : 'produced';
    },
    async markProduced(notificationId: string): Promise<void> {
      try {
        await produced.insertOne({ _id: notificationId, producedAt: new Date() });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
  };
}
export type NotificationLedger = ReturnType<typeof createNotificationLedger>;
