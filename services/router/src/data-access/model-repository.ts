import { gunzipSync, gzipSync } from 'node:zlib';
import { parseModel, serialiseModel, type ClassifierModel, type ModelEvaluation } from '@priemnaya/classifier';
import { Binary, type Db } from 'mongodb';

/** A model version kept in the database: a retrain's candidate, or one that was promoted. */
export interface StoredModel {
  _id: string;
  status: 'candidate' | 'promoted';
  createdAt: Date;
  /** The retrain's figures beside those of the model that was current when it was built. */
  evaluation: ModelEvaluation | null;
  comparedWith?: { version: string; evaluation: ModelEvaluation | null };
  /** How many labelled examples from people it was trained with, beyond the corpus. */
  labelledExamples: number;
  /** The versioned artefact, gzip-compressed JSON (about 1 MB), as the package stores it on disk. */
  artefact: Binary;
}

/** Which version routes; absent means the package's default model. */
export interface CurrentModelPointer {
  _id: 'current';
  version: string;
  promotedAt: Date;
  promotedBy: string;
}

export function createModelRepository(db: Db) {
  const models = db.collection<StoredModel>('classifier_models');
  const pointer = db.collection<CurrentModelPointer>('classifier_current');
  return {
    async saveCandidate(model: ClassifierModel, extra: { comparedWith?: StoredModel['comparedWith']; labelledExamples: number }): Promise<void> {
      const artefact = new Binary(gzipSync(serialiseModel(model)));
      await models.replaceOne(
        { _id: model.version },
        { status: 'candidate', createdAt: new Date(model.createdAt), evaluation: model.evaluation, labelledExamples: extra.labelledExamples, artefact, ...(extra.comparedWith ? { comparedWith: extra.comparedWith } : {}) },
        { upsert: true },
      );
    },
    /** Every stored version without its artefact, newest first. */
    list(): Promise<Omit<StoredModel, 'artefact'>[]> {
      return models.find({}, { projection: { artefact: 0 } }).sort({ createdAt: -1 }).toArray();
    },
    async exists(version: string): Promise<boolean> {
      return (await models.countDocuments({ _id: version }, { limit: 1 })) > 0;
    },
    async load(version: string): Promise<ClassifierModel | undefined> {
      const stored = await models.findOne({ _id: version });
      return stored ? parseModel(gunzipSync(stored.artefact.buffer).toString('utf8')) : undefined;
    },
    async current(): Promise<CurrentModelPointer | null> {
      return pointer.findOne({ _id: 'current' });
    },
    /** Marks a stored version current; routers pick it up on their next poll. */
    async promote(version: string, by: string, at: Date): Promise<{ before: CurrentModelPointer | null; after: CurrentModelPointer }> {
      const before = await pointer.findOne({ _id: 'current' });
      const after: CurrentModelPointer = { _id: 'current', version, promotedAt: at, promotedBy: by };
      await pointer.replaceOne({ _id: 'current' }, after, { upsert: true });
      await models.updateOne({ _id: version }, { $set: { status: 'promoted' } });
      return { before, after };
    },
  };
}
export type ModelRepository = ReturnType<typeof createModelRepository>;
