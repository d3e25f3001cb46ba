import type { Logger } from 'pino';
import type { HeldClose, HeldCloseStore } from '../data-access/held-close-store.js';
import type { PlatformClient } from '../data-access/platform-client.js';
import type { PlatformItemRepository } from '../data-access/platform-item-repository.js';
import { closesAfter } from '../domain/platform-status.js';
import type { Retry } from './retry-with-backoff.js';

export interface PostHeldCloseDeps {
  platform: PlatformClient;
  items: PlatformItemRepository;
  held: HeldCloseStore;
  retry: Retry;
  /** How long a closing waits for its answer before it is posted anyway. */
  holdMs: number;
  clock?: () => Date;
  logger: Logger;
}

/**
 * Posts held closings: one whose answer (or forwarding) has just been posted, and, on a sweep,
 * those that waited longer than the hold (an appeal closed without either, or an answer that
 * never came through): these are posted anyway, with a warning.
 */
export function createPostHeldClose({ platform, items, held, retry, holdMs, clock = () => new Date(), logger }: PostHeldCloseDeps) {
  async function post(close: HeldClose): Promise<void> {
    await retry('post status change', () => platform.postStatusChange(close.itemId, { status: 'closed', occurredAt: close.occurredAt }, close.eventId));
    await items.recordPostedStatus(close.appealId, 'closed');
    await held.release(close.appealId);
  }

  return {
    /** After the answer or the forwarding of this appeal was posted: its closing may follow. */
    async afterPosted(appealId: string): Promise<void> {
      const close = await held.find(appealId);
      if (close === undefined) return;
      await post(close);
      logger.info({ appealId, itemId: close.itemId, eventId: close.eventId }, 'held closing posted after the answer');
    },
    /** Holds a closing that came before its answer; posts it at once when the answer got there meanwhile. */
    async hold(close: HeldClose): Promise<void> {
      await held.hold(close);
      // The answer may have been posted between the caller's look and the hold; its afterPosted
      // then found nothing held.
      const item = await items.findByAppealId(close.appealId);
      if (item !== undefined && closesAfter(item.postedStatus)) {
        await post(close);
        return;
      }
      logger.info({ appealId: close.appealId, itemId: close.itemId, eventId: close.eventId }, 'closing held until the answer is posted');
    },
    /** Posts closings held longer than the hold. */
    async sweep(): Promise<void> {
      for (const close of await held.heldBefore(new Date(clock().getTime() - holdMs))) {
        logger.warn({ appealId: close.appealId, itemId: close.itemId, eventId: close.eventId }, 'no answer or forwarding posted within the hold; closing posted anyway');
        await post(close);
      }
    },
  };
}
export type PostHeldClose = ReturnType<typeof createPostHeldClose>;
