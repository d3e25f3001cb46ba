import type { Db } from 'mongodb';
import type { UnitExecutor } from '../domain/executor-availability.js';

interface ExecutorDocument extends UnitExecutor {
  _id: string;
  updatedBy: string;
  updatedAt: Date;
}

/** The executors of each unit with their availability and absences, kept by supervisors and administrators. */
export function createExecutorDirectory(db: Db) {
  const executors = db.collection<ExecutorDocument>('executors');
  return {
    async ensureIndexes(): Promise<void> {
      await executors.createIndex({ unit: 1 });
    },
    async list(unit: string): Promise<UnitExecutor[]> {
      const documents = await executors.find({ unit }).sort({ staffId: 1 }).toArray();
      return documents.map(({ unit: u, staffId, available, absences }) => ({ unit: u, staffId, available, absences }));
    },
    async get(unit: string, staffId: string): Promise<UnitExecutor | undefined> {
      const document = await executors.findOne({ _id: `${unit}:${staffId}` });
      return document ? { unit: document.unit, staffId: document.staffId, available: document.available, absences: document.absences } : undefined;
    },
    /** Replaces what is known of the executor: the last supervisor to save wins. */
    async put(executor: UnitExecutor, updatedBy: string, updatedAt: Date): Promise<void> {
      await executors.replaceOne({ _id: `${executor.unit}:${executor.staffId}` }, { ...executor, updatedBy, updatedAt }, { upsert: true });
    },
  };
}
export type ExecutorDirectory = ReturnType<typeof createExecutorDirectory>;
