import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { AppealAddress } from '../domain/citizen-notice.js';

interface AppealAddressDocument extends Omit<AppealAddress, 'appealId'> {
  _id: string;
  storedAt: Date;
}

/**
 * How to reach the citizen of each appeal, by appeal id. Written once (an appeal's channel,
 * external id and contacts never change); a redelivered appeal is a duplicate key and changes
 * nothing. On FerretDB the insert of a new `_id` is the one cheap write.
 */
export function createAppealAddressStore(db: Db) {
  const addresses = db.collection<AppealAddressDocument>('appeal_addresses');
  return {
    async insertNew(address: AppealAddress): Promise<void> {
      const { appealId, ...rest } = address;
      try {
        await addresses.insertOne({ _id: appealId, ...rest, storedAt: new Date() });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async get(appealId: string): Promise<AppealAddress | undefined> {
      const document = await addresses.findOne({ _id: appealId });
      if (document === null) return undefined;
      const { _id, storedAt: _storedAt, ...rest } = document;
      return { appealId: _id, ...rest };
    },
  };
}
export type AppealAddressStore = ReturnType<typeof createAppealAddressStore>;
