import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Collection, Db, Filter, OptionalUnlessRequiredId, WithId } from 'mongodb';

/**
 * What an administrator's edit touched; each has its own collection. `precision-guard`: the router
 * itself suspended or resumed a topic's auto-routing (the live precision guard).
 */
export type AuditedEntity = 'route' | 'rule' | 'district' | 'unit' | 'model' | 'precision-guard';

export interface StaffRef {
  staffId: string;
  role: string;
}

export interface AuditEntry {
  _id: string;
  at: Date;
  by: StaffRef;
  entity: AuditedEntity;
  key: string;
  /** The document as it was (null when created) and as it is (null when deleted). */
  before: unknown;
  after: unknown;
}

export function createAuditRepository(db: Db) {
  const audit = db.collection<AuditEntry>('routing_audit');
  return {
    async record(entry: Omit<AuditEntry, '_id'>): Promise<void> {
      await audit.insertOne({ _id: randomUUID(), ...entry });
    },
    /** Records an entry under the caller's id unless one is there: returns the entry that stands and whether it is this one. */
    async recordOnce(entry: AuditEntry): Promise<{ entry: AuditEntry; recorded: boolean }> {
      try {
        await audit.insertOne(entry);
        return { entry, recorded: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const winner = await audit.findOne({ _id: entry._id });
      if (!winner) throw new Error('audit entry vanished after a duplicate-key error');
      return { entry: winner, recorded: false };
    },
    find(id: string): Promise<AuditEntry | null> {
      return audit.findOne({ _id: id });
    },
    async list(filter: { entity?: AuditedEntity | undefined; key?: string | undefined; limit: number }): Promise<AuditEntry[]> {
      const query: Filter<AuditEntry> = {};
      if (filter.entity !== undefined) query.entity = filter.entity;
      if (filter.key !== undefined) query.key = filter.key;
      return audit.find(query).sort({ at: -1, _id: 1 }).limit(filter.limit).toArray();
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;

/**
 * Replaces (or, with `after` null, deletes) one document and records who did it with the
 * document before and after. The edit is written first: an audit entry never describes an edit
 * that did not happen; a crash between the two loses the entry, which the admin sees as an
 * edit with no trail and can repeat (a repeat records before = after).
 */
export async function auditedEdit<T extends { _id: string }>(
  collection: Collection<T>,
  audit: AuditRepository,
  change: { entity: AuditedEntity; key: string; after: T | null; by: StaffRef; at: Date },
): Promise<{ before: WithId<T> | null; after: T | null }> {
  const byId = { _id: change.key } as Filter<T>;
  const before = await collection.findOne(byId);
  if (change.after === null) await collection.deleteOne(byId);
  else if (before === null) await collection.insertOne(change.after as OptionalUnlessRequiredId<T>);
  else await collection.replaceOne(byId, change.after);
  await audit.record({ at: change.at, by: change.by, entity: change.entity, key: change.key, before, after: change.after });
  return { before, after: change.after };
}
