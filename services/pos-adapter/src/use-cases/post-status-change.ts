import type { AppealEvent } from '@priemnaya/contracts';
import { UnavailableError } from '@priemnaya/errors';
import type { Logger } from 'pino';
import { holdsClosing, isNewToPlatform, platformStatusChange } from '../domain/platform-status.js';
import type { PlatformClient } from '../data-access/platform-client.js';
import type { PlatformItemRepository } from '../data-access/platform-item-repository.js';
import type { PostHeldClose } from './post-held-close.js';
import type { Retry } from './retry-with-backoff.js';

/** How long after registration an event may wait for its platform item to be recorded. */
const RECORDING_WAIT_MS = 5 * 60_000;

export interface PostStatusChangeDeps {
  platform: PlatformClient;
  items: PlatformItemRepository;
  retry: Retry;
  heldClose: Pick<PostHeldClose, 'hold'>;
  logger: Logger;
}

/**
 * Posts the status change an event means to the platform item the appeal came from, once: the
 * event id is the idempotency key, so a redelivered event is answered by the platform's first
 * answer, and a status already posted is not posted again.
 */
export function createPostStatusChange({ platform, items, retry, heldClose, logger }: PostStatusChangeDeps): (event: AppealEvent) => Promise<void> {
  return async (event) => {
    const change = platformStatusChange(event);
    if (change === undefined) return;
    const item = await items.findByAppealId(event.appealId);
    if (item === undefined) {
      // Routing can outrun the adapter recording the item after its acknowledgement: retry for a
      // while. Past that, the appeal was not registered by this adapter's database, and waiting
      // would only hold up every later event of the partition.
      const age = Date.now() - Date.parse(event.receivedAt);
      if (event.channel === 'pos' && age < RECORDING_WAIT_MS) throw new UnavailableError('the platform item of this appeal is not recorded yet');
      if (event.channel === 'pos') logger.warn({ appealId: event.appealId, eventId: event.eventId }, 'no platform item recorded for this platform appeal; status not posted');
      return;
    }
    if (!isNewToPlatform(change, item.postedStatus)) return;
    if (holdsClosing(event, item.postedStatus)) {
      await heldClose.hold({ appealId: item.appealId, itemId: item.itemId, eventId: event.eventId, occurredAt: change.occurredAt, heldAt: new Date() });
      return;
    }
    await retry('post status change', () => platform.postStatusChange(item.itemId, change, event.eventId));
    await items.recordPostedStatus(item.appealId, change.status);
    logger.info({ itemId: item.itemId, appealId: item.appealId, eventId: event.eventId, status: change.status }, 'status change posted to the platform');
  };
}
