import type { CitizenNotification } from '@priemnaya/contracts';
import type { Logger } from 'pino';
import type { NotificationDeliveryLedger, PostStep } from '../data-access/notification-delivery-ledger.js';
import type { PlatformClient } from '../data-access/platform-client.js';
import type { PlatformItemRepository } from '../data-access/platform-item-repository.js';
import { platformPostsOf } from '../domain/platform-notice.js';
import type { PostHeldClose } from './post-held-close.js';
import type { Retry } from './retry-with-backoff.js';

export interface DeliverNotificationDeps {
  platform: PlatformClient;
  items: PlatformItemRepository;
  ledger: NotificationDeliveryLedger;
  retry: Retry;
  /** A closing held until this answer or forwarding is posted. */
  heldClose: Pick<PostHeldClose, 'afterPosted'>;
  /** Who signs answers on the platform: the administration, not the executor. */
  signedBy: string;
  logger: Logger;
}

/**
 * Posts what a citizen notification of a platform appeal says to its item (the appeal's external
 * id), once per notification id: the ledger settles it once and records each post when done, so
 * a redelivery after a crash posts only what was left; each post's idempotency key is derived
 * from the notification id. Other channels' notifications are not the platform's.
 */
export function createDeliverNotification({ platform, items, ledger, retry, heldClose, signedBy, logger }: DeliverNotificationDeps) {
  return async (notification: CitizenNotification): Promise<void> => {
    if (notification.channel !== 'pos') return;
    const ids = { notificationId: notification.notificationId, appealId: notification.appealId, kind: notification.kind };
    const posts = platformPostsOf(notification, signedBy);
    if (posts === undefined) return;
    const itemId = notification.externalId;
    if (itemId === undefined) {
      logger.warn(ids, 'platform notification without an item id; not posted');
      return;
    }
    const claim = await ledger.claim(notification.notificationId, notification.appealId);
    if (claim === 'settled') return;
    // A new claim has no steps done; only a redelivery after a crash looks.
    const done = (step: PostStep) => (claim === 'unfinished' ? ledger.stepDone(notification.notificationId, step) : Promise.resolve(false));
    if (posts.answer !== undefined && !(await done('answer'))) {
      const answer = posts.answer;
      await retry('post answer', () => platform.postAnswer(itemId, answer, `${notification.notificationId}:answer`));
      await ledger.markStep(notification.notificationId, notification.appealId, 'answer');
    }
    if (!(await done('status'))) {
      await retry('post status change', () => platform.postStatusChange(itemId, posts.statusChange, notification.notificationId));
      await ledger.markStep(notification.notificationId, notification.appealId, 'status');
    }
    // The last status posted keeps a later reroute from posting in-progress again, and lets a
    // closing that came first follow the answer.
    await items.recordPostedStatus(notification.appealId, posts.statusChange.status);
    if (posts.statusChange.status === 'answered' || posts.statusChange.status === 'forwarded') await heldClose.afterPosted(notification.appealId);
    await ledger.settle(notification.notificationId, notification.appealId, 'posted');
    logger.info({ ...ids, itemId, status: posts.statusChange.status, again: claim === 'unfinished' }, 'notification posted to the platform');
  };
}
