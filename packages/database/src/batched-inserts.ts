import { MongoBulkWriteError, type Collection, type Document, type OptionalUnlessRequiredId } from 'mongodb';

export interface BatchedInserts<T extends Document> {
  /**
   * Inserts one document together with those other callers insert meanwhile: one `insertMany`
   * for all of them. Resolves once the server has it; rejects with the server's own error for
   * this document (a duplicate key is the caller's to handle) or with the batch's failure.
   */
  insert(document: OptionalUnlessRequiredId<T>): Promise<void>;
}

export interface BatchedInsertsOptions {
  /** The most documents one request carries. */
  maxBatch?: number;
}

/**
 * Group commit for inserts: a document that arrives while a batch is at the server waits for it
 * and goes in the next, with every other that arrived meanwhile; with nothing in flight it goes
 * at once (after the current turn of the event loop, so callers in the same turn share it). Under
 * load the database sees one round trip per batch instead of one per document, and nobody waits
 * longer than one round trip for a batch to fill. Unordered: one document's failure (its unique
 * key taken) fails that caller only.
 */
export function createBatchedInserts<T extends Document>(collection: Collection<T>, { maxBatch = 500 }: BatchedInsertsOptions = {}): BatchedInserts<T> {
  interface Waiting {
    document: OptionalUnlessRequiredId<T>;
    resolve: () => void;
    reject: (error: unknown) => void;
  }
  let queue: Waiting[] = [];
  let flushing = false;

  async function send(batch: Waiting[]): Promise<void> {
    try {
      await collection.insertMany(
        batch.map(({ document }) => document),
        { ordered: false },
      );
      for (const waiting of batch) waiting.resolve();
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError) || error.writeErrors === undefined) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      const failed = new Map<number, unknown>();
      for (const writeError of [error.writeErrors].flat()) {
        // The document's own error, shaped as a single insert's would be (isDuplicateKeyError reads its code).
        failed.set(writeError.index, Object.assign(new Error(writeError.errmsg ?? 'write failed'), { name: 'MongoServerError', code: writeError.code }));
      }
      batch.forEach((waiting, index) => (failed.has(index) ? waiting.reject(failed.get(index)) : waiting.resolve()));
    }
  }

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        await send(batch);
      }
    } finally {
      flushing = false;
    }
  }

  return {
    insert(document) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ document, resolve, reject });
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },
  };
}
