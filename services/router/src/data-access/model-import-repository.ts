import type { Db } from 'mongodb';

/** One model's figures on the city's held-out appeals. */
export interface HeldOutFiguresDocument {
  version: string;
  accuracy: number;
  macroF1: number;
  coverageAt95Precision: number;
  thresholdAt95Precision: number | null;
  expectedCalibrationError: number;
}

/**
 * An administrator's import of a city's past appeals: running while the worker trains, then done
 * with the candidate and both models' held-out figures, or failed with the reason. Holds counts
 * and figures only, never an appeal's text.
 */
export interface ModelImportDocument {
  _id: string;
  status: 'running' | 'done' | 'failed';
  /** The city's slug, which names the candidate's version. */
  name: string;
  /** The file name as uploaded. */
  file: string;
  format: 'csv' | 'xlsx' | 'jsonl';
  encoding: string | null;
  /** Labelled appeals read from the export, in all and per topic. */
  appeals: number;
  perTopic: Record<string, number>;
  startedAt: Date;
  startedBy: string;
  /** What the worker is doing now. */
  stage: string;
  /** Renewed while the router training it lives; a running import whose heartbeat stopped lost its router. */
  heartbeatAt: Date;
  finishedAt?: Date;
  /** The stored candidate's version, once done. */
  candidate?: string;
  corpusAppeals?: number;
  heldOut?: { appeals: number; current: HeldOutFiguresDocument; candidate: HeldOutFiguresDocument };
  reason?: string;
}

export type ModelImportResult = Required<Pick<ModelImportDocument, 'candidate' | 'corpusAppeals' | 'heldOut'>>;

/** Imports by id. Every change of a running import is conditional on its still running, so a late write never undoes an end. */
export function createModelImportRepository(db: Db) {
  const imports = db.collection<ModelImportDocument>('classifier_imports');
  const running = (id: string) => ({ _id: id, status: 'running' as const });
  return {
    async create(document: ModelImportDocument): Promise<void> {
      await imports.insertOne(document);
    },
    find(id: string): Promise<ModelImportDocument | null> {
      return imports.findOne({ _id: id });
    },
    async beat(id: string, at: Date, stage?: string): Promise<void> {
      await imports.updateOne(running(id), { $set: { heartbeatAt: at, ...(stage === undefined ? {} : { stage }) } });
    },
    async finish(id: string, at: Date, result: ModelImportResult): Promise<void> {
      await imports.updateOne(running(id), { $set: { status: 'done', stage: 'done', finishedAt: at, heartbeatAt: at, ...result } });
    },
    /** Fails a running import; with `staleBefore`, only if its heartbeat is older than that. */
    async fail(id: string, at: Date, reason: string, staleBefore?: Date): Promise<void> {
      const filter = staleBefore === undefined ? running(id) : { ...running(id), heartbeatAt: { $lt: staleBefore } };
      await imports.updateOne(filter, { $set: { status: 'failed', stage: 'failed', finishedAt: at, reason } });
    },
  };
}
export type ModelImportRepository = ReturnType<typeof createModelImportRepository>;
