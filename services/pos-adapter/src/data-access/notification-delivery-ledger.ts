import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

export type DeliveryClaim = 'new' | 'settled' | 'unfinished';

/** The posts of one notification, each recorded once it is done. */
export type PostStep = 'answer' | 'status';

/**
 * Which citizen notifications were posted to the platform, in two insert-only collections
 * (FerretDB isolates unique inserts, not updates): a claim before posting and the outcome after.
 * A redelivered notification finds the outcome and posts nothing. Each post is recorded when done
 * (`notification_steps`, `<notification id>:<step>`), so a redelivery after a crash posts only
 * what was not done: the platform keeps idempotency keys for 24 hours only, and an answer posted
 * twice would show twice. Only a crash between a post and its record posts that one again, with
 * the same idempotency key.
 */
export function createNotificationDeliveryLedger(db: Db) {
  const claims = db.collection<{ _id: string; appealId: string; claimedAt: Date }>('notification_claims');
  const steps = db.collection<{ _id: string; appealId: string; doneAt: Date }>('notification_steps');
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
    async stepDone(notificationId: string, step: PostStep): Promise<boolean> {
      return (await steps.findOne({ _id: `${notificationId}:${step}` })) !== null;
    },
    async markStep(notificationId: string, appealId: string, step: PostStep): Promise<void> {
      try {
        await steps.insertOne({ _id: `${notificationId}:${step}`, appealId, doneAt: new Date() });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
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
