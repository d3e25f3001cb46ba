import { randomUUID } from 'node:crypto';
import type { StaffRole } from '@priemnaya/auth';
import type { Db } from 'mongodb';

/** What a person read: a card by id, a card by registration number at the desk, or a search page. */
export type ReadKind = 'card' | 'card-by-number' | 'search';

export interface ReadAuditRecord {
  staffId: string;
  role: StaffRole;
  appealIds: string[];
  what: ReadKind;
  at: string;
}

interface ReadAuditDocument extends ReadAuditRecord {
  _id: string;
}

/**
 * Who read which appeals' personal data, and when. Append-only: this module offers no update and
 * no delete, and every record is a new insert under a random id.
 */
export function createReadAudit(db: Db) {
  const records = db.collection<ReadAuditDocument>('read_audit');
  return {
    async ensureIndexes(): Promise<void> {
      await records.createIndex({ appealIds: 1, at: 1 });
    },
    async record(record: ReadAuditRecord): Promise<void> {
      await records.insertOne({ _id: randomUUID(), ...record });
    },
    /** Every read of the appeal, oldest first. */
    async forAppeal(appealId: string): Promise<(ReadAuditRecord & { id: string })[]> {
      const documents = await records.find({ appealIds: appealId }).sort({ at: 1, _id: 1 }).toArray();
      return documents.map(({ _id, ...record }) => ({ id: _id, ...record }));
    },
  };
}
export type ReadAudit = ReturnType<typeof createReadAudit>;
