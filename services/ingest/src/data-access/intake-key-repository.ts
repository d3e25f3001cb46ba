import { createBatchedInserts, isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

interface IntakeKeyDocument {
  _id: string;
  appealId: string;
  fingerprint: string;
  createdAt: Date;
}

/** Dedup keys (idempotency keys, channel external ids), each bound to the first appeal id. */
export function createIntakeKeyRepository(db: Db) {
  const keys = db.collection<IntakeKeyDocument>('intake_keys');
  // Concurrent submissions share one insert request.
  const inserts = createBatchedInserts(keys);
  return {
    async claim(key: string, appealId: string, fingerprint: string): Promise<{ appealId: string; fingerprint: string }> {
      try {
        await inserts.insert({ _id: key, appealId, fingerprint, createdAt: new Date() });
        return { appealId, fingerprint };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const existing = await keys.findOne({ _id: key });
      if (!existing) throw new Error('intake key vanished after a duplicate-key error');
      return { appealId: existing.appealId, fingerprint: existing.fingerprint };
    },
  };
}
