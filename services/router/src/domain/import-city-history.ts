import type { CityHistoryError } from '@priemnaya/appeal-history';
import { parseModel, serialiseModel, type ClassifierModel, type HeldOutComparison, type ModelEvaluation } from '@priemnaya/classifier';
import type { RoutingTopic } from '@priemnaya/contracts';
import type { Logger } from 'pino';
import type { HeldOutFiguresDocument, ModelImportDocument, ModelImportRepository } from '../data-access/model-import-repository.js';
import type { CityCandidateJob, CityCandidateRun } from '../training/city-candidate-run.js';

/** How often the router training an import says it is alive, and when silence means it is gone. */
export const IMPORT_HEARTBEAT_MS = 10_000;
export const IMPORT_STALE_AFTER_MS = 6 * IMPORT_HEARTBEAT_MS;
const STOPPED = 'the router stopped before the candidate was trained; import the file again';
const LOST = 'the router training it stopped (no heartbeat); import the file again';

export interface ImportCityHistoryDeps {
  /** The training corpus; unset, imports are refused as not configured. */
  corpusPath: string | undefined;
  /** Each unit name and code of the city to the topics its routing table gives it. */
  unitTopics: () => Promise<Map<string, RoutingTopic[]>>;
  /** The model routing now, which the candidate is compared with. */
  currentModel: () => ClassifierModel;
  startRun: (job: CityCandidateJob) => CityCandidateRun;
  imports: ModelImportRepository;
  saveCandidate: (model: ClassifierModel, comparedWith: { version: string; evaluation: ModelEvaluation }, labelledExamples: number) => Promise<void>;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
  heartbeatMs?: number;
}

export interface CityHistoryUpload {
  file: string;
  bytes: Buffer;
  name: string;
  by: string;
}

export type ImportStart =
  | { kind: 'not-configured' }
  /** Another import is being read or trained by this router; `id` once it is recorded. */
  | { kind: 'busy'; id: string | undefined }
  | { kind: 'refused'; problems: CityHistoryError[] }
  | { kind: 'too-few'; appeals: number; needed: number }
  | { kind: 'unavailable'; reason: string }
  | { kind: 'started'; import: ModelImportDocument };

export interface ImportCityHistory {
  /** Whether an import could start now (checked before the upload is read, and again by `start`). */
  precheck(): Extract<ImportStart, { kind: 'not-configured' | 'busy' }> | undefined;
  /** Reads the export; when it is valid, records the import and trains its candidate in the background. */
  start(upload: CityHistoryUpload): Promise<ImportStart>;
  find(id: string): Promise<ModelImportDocument | null>;
  /** Ends a training in progress (shutdown), recording the import as failed. */
  stop(): Promise<void>;
}

/**
 * A new city's past appeals become a candidate model: the export is read against the city's
 * routing table, and a valid one is trained in a worker on the corpus plus the city's appeals and
 * compared with the current model on a held-out quarter of them. Promotion is a separate step.
 * One import at a time per router: training takes the CPU the router otherwise routes with.
 */
export function createImportCityHistory(deps: ImportCityHistoryDeps): ImportCityHistory {
  let inFlight: { id: string | undefined; run?: CityCandidateRun; training?: Promise<void> } | undefined;
  let stopping = false;

  const precheck: ImportCityHistory['precheck'] = () => {
    if (deps.corpusPath === undefined) return { kind: 'not-configured' };
    if (inFlight !== undefined || stopping) return { kind: 'busy', id: inFlight?.id };
    return undefined;
  };

  async function train(id: string, run: CityCandidateRun, appeals: number): Promise<void> {
    const beat = (stage?: string) =>
      void deps.imports.beat(id, deps.clock(), stage).catch((error: unknown) => deps.logger.warn({ err: error, importId: id }, 'could not record the import heartbeat'));
    const heartbeat = setInterval(beat, deps.heartbeatMs ?? IMPORT_HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const trained = await run.train((stage) => beat(stage));
      const model = parseModel(trained.model);
      await deps.saveCandidate(model, { version: trained.current.version, evaluation: trained.current.evaluation }, appeals);
      await deps.imports.finish(id, deps.clock(), {
        candidate: model.version,
        corpusAppeals: trained.corpusExamples,
        heldOut: { appeals: trained.heldOutExamples, current: figures(trained.current), candidate: figures(trained.candidate) },
      });
      deps.logger.info({ importId: id, candidate: model.version }, 'city import trained a candidate');
    } catch (error) {
      const reason = stopping ? STOPPED : error instanceof Error ? error.message : String(error);
      deps.logger.warn({ importId: id, err: stopping ? undefined : error }, 'city import failed');
      await deps.imports.fail(id, deps.clock(), reason).catch((failure: unknown) => deps.logger.error({ err: failure, importId: id }, 'could not record the failed import'));
    } finally {
      clearInterval(heartbeat);
      await run.stop();
    }
  }

  return {
    precheck,
    async start(upload) {
      const refused = precheck();
      if (refused) return refused;
      // Taken before the first await, so two uploads at once cannot both start.
      const slot: { id: string | undefined; run?: CityCandidateRun; training?: Promise<void> } = { id: undefined };
      inFlight = slot;
      let run: CityCandidateRun;
      try {
        run = deps.startRun({
          fileName: upload.file,
          bytes: upload.bytes,
          unitTopics: await deps.unitTopics(),
          corpusPath: deps.corpusPath ?? '',
          current: serialiseModel(deps.currentModel()),
          name: upload.name,
        });
      } catch (error) {
        inFlight = undefined;
        throw error;
      }
      slot.run = run;
      try {
        const read = await run.read;
        if (read.kind !== 'read') {
          await run.stop();
          inFlight = undefined;
          return read;
        }
        const at = deps.clock();
        const document: ModelImportDocument = {
          _id: deps.newId(),
          status: 'running',
          name: upload.name,
          file: upload.file,
          format: read.format,
          encoding: read.encoding ?? null,
          appeals: read.appeals,
          perTopic: read.perTopic,
          startedAt: at,
          startedBy: upload.by,
          stage: 'starting to train',
          heartbeatAt: at,
        };
        await deps.imports.create(document);
        slot.id = document._id;
        slot.training = train(document._id, run, read.appeals).finally(() => {
          if (inFlight === slot) inFlight = undefined;
        });
        return { kind: 'started', import: document };
      } catch (error) {
        if (slot.training === undefined) {
          await run.stop();
          inFlight = undefined;
        }
        throw error;
      }
    },
    async find(id) {
      const found = await deps.imports.find(id);
      if (found?.status !== 'running' || inFlight?.id === id) return found;
      const now = deps.clock();
      const staleBefore = new Date(now.getTime() - IMPORT_STALE_AFTER_MS);
      if (found.heartbeatAt >= staleBefore) return found;
      await deps.imports.fail(id, now, LOST, staleBefore);
      return deps.imports.find(id);
    },
    async stop() {
      stopping = true;
      const current = inFlight;
      if (current === undefined) return;
      await current.run?.stop();
      await current.training;
    },
  };
}

function figures(comparison: HeldOutComparison): HeldOutFiguresDocument {
  const { version, accuracy, macroF1, coverageAt95Precision, thresholdAt95Precision, expectedCalibrationError } = comparison;
  return { version, accuracy, macroF1, coverageAt95Precision, thresholdAt95Precision, expectedCalibrationError };
}
