import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

export type DeliveryClaim = 'new' | 'settled' | 'unfinished';

/**
 * Which citizen notifications were posted to the platform, in two insert-only collections
 * (FerretDB isolates unique inserts, not updates): a claim before posting and the outcome after.
 * A redelivered notification finds the outcome and posts nothing; a crash between posting and
 * recording posts again with the same idempotency keys, which the platform answers with its
 * first answer.
 */
export function createNotificationDeliveryLedger(db: Db) {
  const claims = db.collection<{ _id: string; appealId: string; claimedAt: Date }>('notification_claims');
  const outcomes = db.collection<{ _id: string; appealId: string; outcome: 'posted' | 'not-posted'; reason?: string; settledAt: Date }>('notification_outcomes');
  return {
    async claim(notificationId: string, appealId: string): Promise<DeliveryClaim> {
      try {
        await claims.insertOne({ _id: notificationId, appealId, claimedAt: new Date() });
        return 'new';
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      return (await outcomes.findOne({ _id: notificationId })) === null ? 'unfinished' : 'settled';
    },
    /** `reason` is ours (a code), never the citizen's words. */
    async settle(notificationId: string, appealId: string, outcome: 'posted' | 'not-posted', reason?: string): Promise<void> {
      try {
        await outcomes.insertOne({ _id: notificationId, appealId, outcome, ...(reason !== undefined ? { reason } : {}), settledAt: new Date() });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
  };
}
export type NotificationDeliveryLedger = ReturnType<typeof createNotificationDeliveryLedger>;
