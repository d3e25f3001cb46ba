import type { CitizenNotification } from '@priemnaya/contracts';
import type { Logger } from 'pino';
import type { NotificationDeliveryLedger } from '../data-access/notification-delivery-ledger.js';
import type { PlatformClient } from '../data-access/platform-client.js';
import type { PlatformItemRepository } from '../data-access/platform-item-repository.js';
import { platformPostsOf } from '../domain/platform-notice.js';
import type { Retry } from './retry-with-backoff.js';

export interface DeliverNotificationDeps {
  platform: PlatformClient;
  items: PlatformItemRepository;
  ledger: NotificationDeliveryLedger;
  retry: Retry;
  /** Who signs answers on the platform: the administration, not the executor. */
  signedBy: string;
  logger: Logger;
}

/**
 * Posts what a citizen notification of a platform appeal says to its item (the appeal's external
 * id), once per notification id: the ledger settles it once, and each post's idempotency key is
 * derived from the notification id, so a post repeated after a crash gets the platform's first
 * answer. Other channels' notifications are not the platform's.
 */
export function createDeliverNotification({ platform, items, ledger, retry, signedBy, logger }: DeliverNotificationDeps) {
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
    if (posts.answer !== undefined) {
      const answer = posts.answer;
      await retry('post answer', () => platform.postAnswer(itemId, answer, `${notification.notificationId}:answer`));
    }
    await retry('post status change', () => platform.postStatusChange(itemId, posts.statusChange, notification.notificationId));
    await ledger.settle(notification.notificationId, notification.appealId, 'posted');
    // Best effort: the last status posted keeps a later reroute from posting in-progress again.
    await items.recordPostedStatus(notification.appealId, posts.statusChange.status).catch(() => undefined);
    logger.info({ ...ids, itemId, status: posts.statusChange.status, again: claim === 'unfinished' }, 'notification posted to the platform');
  };
}
