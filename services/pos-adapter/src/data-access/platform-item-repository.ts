import type { Db } from 'mongodb';
import type { PlatformStatus } from '../domain/platform-status.js';
import type { PlatformItem } from '../domain/platform-item.js';

export interface RegisteredItem {
  appealId: string;
  itemId: string;
  itemType: PlatformItem['type'];
  registrationNumber: string;
  /** The last status the platform accepted from us. */
  postedStatus?: PlatformStatus;
}

interface RegisteredItemDocument {
  _id: string;
  itemId: string;
  itemType: PlatformItem['type'];
  registrationNumber: string;
  registeredAt: Date;
  postedStatus?: PlatformStatus;
}

interface QuarantinedItemDocument {
  _id: string;
  reason: string;
  /** The item as received, for the person who settles it. */
  raw: unknown;
  quarantinedAt: Date;
}

/**
 * Which platform item each appeal came from (keyed by appeal id, as the events are), and the
 * items that could not be registered.
 */
export function createPlatformItemRepository(db: Db) {
  const registered = db.collection<RegisteredItemDocument>('platform_items');
  const quarantined = db.collection<QuarantinedItemDocument>('quarantined_items');
  return {
    /** Written after the acknowledgement; a re-read page writes the same document again. */
    async recordRegistered(item: Omit<RegisteredItem, 'postedStatus'>): Promise<void> {
      await registered.updateOne(
        { _id: item.appealId },
        { $set: { itemId: item.itemId, itemType: item.itemType, registrationNumber: item.registrationNumber }, $setOnInsert: { registeredAt: new Date() } },
        { upsert: true },
      );
    },
    async findByAppealId(appealId: string): Promise<RegisteredItem | undefined> {
      const document = await registered.findOne({ _id: appealId });
      if (document === null) return undefined;
      const { _id, registeredAt: _registeredAt, ...rest } = document;
      return { appealId: _id, ...rest };
    },
    async recordPostedStatus(appealId: string, status: PlatformStatus): Promise<void> {
      await registered.updateOne({ _id: appealId }, { $set: { postedStatus: status } });
    },
    async quarantine(itemId: string, reason: string, raw: unknown): Promise<void> {
      await quarantined.updateOne({ _id: itemId }, { $set: { reason, raw, quarantinedAt: new Date() } }, { upsert: true });
    },
    async findQuarantined(itemId: string): Promise<{ reason: string } | undefined> {
      const document = await quarantined.findOne({ _id: itemId });
      return document === null ? undefined : { reason: document.reason };
    },
  };
}
export type PlatformItemRepository = ReturnType<typeof createPlatformItemRepository>;
