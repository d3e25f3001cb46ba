import type { Logger } from 'pino';
import { toRegisterAppealRequest } from '../domain/map-platform-item.js';
import { parsePlatformItem } from '../domain/platform-item.js';
import type { FeedCursorStore } from '../data-access/feed-cursor-store.js';
import { IntakeError, type IntakeClient } from '../data-access/intake-client.js';
import { PlatformError } from '../data-access/platform-error.js';
import type { PlatformClient } from '../data-access/platform-client.js';
import type { PlatformItemRepository } from '../data-access/platform-item-repository.js';
import type { Retry } from './retry-with-backoff.js';

export interface PullItemsDeps {
  platform: PlatformClient;
  intake: IntakeClient;
  cursors: FeedCursorStore;
  items: PlatformItemRepository;
  retry: Retry;
  pageSize: number;
  logger: Logger;
}

export interface PageOutcome {
  items: number;
  hasMore: boolean;
}

/**
 * Reads the next page of the feed and registers its items in feed order; the cursor is saved only
 * after the last of them. A failure before that leaves the page to be read again, which is safe:
 * ingest registers by channel and external id, and the platform acknowledges by item.
 */
export function createPullItemsPage(deps: PullItemsDeps): (signal: AbortSignal) => Promise<PageOutcome> {
  const { platform, intake, cursors, items, retry, logger } = deps;

  async function quarantine(itemId: string, reason: string, raw: unknown): Promise<void> {
    await items.quarantine(itemId, reason, raw);
    logger.error({ itemId, reason }, 'platform item set aside for a person: it cannot be registered as it is');
  }

  async function registerItem(raw: unknown, signal: AbortSignal): Promise<void> {
    const parsed = parsePlatformItem(raw);
    if (!parsed.ok) {
      // Without an id it cannot be kept by id nor acknowledged; the feed still holds it.
      if (parsed.itemId === undefined) logger.error({ reason: parsed.reason }, 'platform item without an id skipped');
      else await quarantine(parsed.itemId, `does not match the item schema: ${parsed.reason}`, raw);
      return;
    }
    const { item } = parsed;
    let registration;
    try {
      registration = await retry('register appeal', () => intake.register(toRegisterAppealRequest(item, raw)), signal);
    } catch (error) {
      if (error instanceof IntakeError && !error.retriable) return quarantine(item.id, `ingest refused it: ${error.message}`, raw);
      throw error;
    }
    const { appealId, registrationNumber, receivedAt, replayed } = registration;
    try {
      await retry('acknowledge item', () => platform.acknowledge(item.id, { registrationNumber, registeredAt: receivedAt }, signal), signal);
    } catch (error) {
      // A refused acknowledgement (item withdrawn, acknowledged otherwise) will not change by
      // re-reading the page; the appeal is registered, so the page goes on and a person is told.
      if (!(error instanceof PlatformError) || error.retriable) throw error;
      logger.error({ itemId: item.id, appealId, code: error.code }, 'the platform refused the acknowledgement');
    }
    await items.recordRegistered({ appealId, itemId: item.id, itemType: item.type, registrationNumber });
    logger.info({ itemId: item.id, itemType: item.type, appealId, registrationNumber, replayed }, 'platform item registered');
  }

  return async (signal) => {
    const cursor = await cursors.load();
    const page = await retry('fetch items', () => platform.fetchItems(cursor, deps.pageSize, signal), signal);
    for (const raw of page.items) await registerItem(raw, signal);
    await cursors.save(page.nextCursor);
    return { items: page.items.length, hasMore: page.hasMore };
  };
}
