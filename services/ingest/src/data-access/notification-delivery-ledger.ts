import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

export type DeliveryClaim = 'new' | 'settled' | 'unfinished';

/** How a notification's delivery ended. */
export type DeliveryOutcome = 'delivered' | 'undeliverable';

/**
 * Which notifications were sent to Telegram, in two insert-only collections (FerretDB isolates
 * unique inserts, not updates): a claim before sending and the outcome after. A redelivered
 * notification finds the outcome and sends nothing; only a crash between sending and recording
 * sends again.
 */
export function createNotificationDeliveryLedger(db: Db) {
  const claims = db.collection<{ _id: string; appealId: string; claimedAt: Date }>('notification_claims');
  const outcomes = db.collection<{ _id: string; appealId: string; outcome: DeliveryOutcome; reason?: string; settledAt: Date }>('notification_outcomes');
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
    async settle(notificationId: string, appealId: string, outcome: DeliveryOutcome, reason?: string): Promise<void> {
      try {
        await outcomes.insertOne({ _id: notificationId, appealId, outcome, ...(reason !== undefined ? { reason } : {}), settledAt: new Date() });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async outcomeOf(notificationId: string): Promise<{ outcome: DeliveryOutcome; reason?: string } | undefined> {
      const document = await outcomes.findOne({ _id: notificationId });
      return document === null ? undefined : { outcome: document.outcome, ...(document.reason !== undefined ? { reason: document.reason } : {}) };
    },
  };
}
export type NotificationDeliveryLedger = ReturnType<typeof createNotificationDeliveryLedger>;
