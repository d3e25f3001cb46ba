import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { CitizenNotice } from '../domain/citizen-notice.js';

interface ParkedNoticeDocument {
  /** The notification id: parking the same event twice is one document. */
  _id: string;
  appealId: string;
  notice: CitizenNotice;
  parkedAt: Date;
}

/**
 * Notices of appeals whose registration has not been read yet (the events topic ran ahead of
 * appeals.received). Small by nature: a notice stays only until its appeal arrives, so the
 * lookup by appeal id, a scan on FerretDB, scans little.
 */
export function createParkedNoticeStore(db: Db) {
  const parked = db.collection<ParkedNoticeDocument>('parked_notices');
  return {
    async ensureIndexes(): Promise<void> {
      await parked.createIndex({ appealId: 1 });
    },
    async park(notice: CitizenNotice): Promise<void> {
      try {
        await parked.insertOne({ _id: notice.notificationId, appealId: notice.appealId, notice, parkedAt: new Date() });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    async listFor(appealId: string): Promise<CitizenNotice[]> {
      const documents = await parked.find({ appealId }).toArray();
      return documents.map((document) => document.notice);
    },
    async remove(notificationId: string): Promise<void> {
      await parked.deleteOne({ _id: notificationId });
    },
  };
}
export type ParkedNoticeStore = ReturnType<typeof createParkedNoticeStore>;
