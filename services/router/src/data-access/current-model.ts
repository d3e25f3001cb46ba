import { openClassifier, type ClassifierModel } from '@priemnaya/classifier';
import { liveness } from '@priemnaya/observability';
import type { Logger } from 'pino';
import type { TopicModel } from '../domain/decide-route.js';
import { tracedModel } from '../observability/routing-telemetry.js';
import type { ModelRepository } from './model-repository.js';

/** When a model carries no evaluation, route only what it is nearly sure of. */
const FALLBACK_THRESHOLD = 0.9;

/**
 * The confidence above which a model routes with no person: the higher of its thresholds at 95%
 * precision on its own corpus and on the shifted split, since a city's appeals differ from the
 * corpus and the in-corpus threshold is the over-confident one.
 */
export function routingThreshold(model: ClassifierModel): number {
  const evaluation = model.evaluation;
  const thresholds = [evaluation?.thresholdAt95Precision, evaluation?.shifted?.thresholdAt95Precision].filter((t): t is number => typeof t === 'number');
  return thresholds.length === 0 ? FALLBACK_THRESHOLD : Math.max(...thresholds);
}

export interface CurrentModelOptions {
  models: Pick<ModelRepository, 'current' | 'load'>;
  /** The package's default artefact, used until a version is promoted. */
  loadDefault: () => Promise<ClassifierModel>;
  /** Set to override every model's own threshold. */
  threshold?: number | undefined;
  pollMs: number;
  logger: Logger;
}

export interface CurrentModel {
  /** The model to route with now; a promotion swaps it between two appeals, never during one. */
  get(): TopicModel;
  /** The artefact of that model, to compare a new candidate with. */
  artefact(): ClassifierModel;
  /** Loads the current version; then keeps polling for a promotion. */
  start(): Promise<void>;
  /** Checks the pointer once (for tests and the admin API after a promotion). */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * The model the router routes with. FerretDB has no change streams, so the pointer to the current
 * version is polled; a promoted version is loaded beside the old one and swapped in whole.
 */
export function createCurrentModel(options: CurrentModelOptions): CurrentModel {
  let active: { model: TopicModel; artefact: ClassifierModel } | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  // A model whose word vectors are missing or differ throws here, before it replaces the active one.
  async function wrap(model: ClassifierModel): Promise<{ model: TopicModel; artefact: ClassifierModel }> {
    const classifier = await openClassifier(model);
    const traced = tracedModel({
      version: model.version,
      threshold: options.threshold ?? routingThreshold(model),
      classify(text) {
        const { topic, confidence, alternatives, terms, noEvidence } = classifier.classify(text);
        return { topic, confidence, alternatives, terms, noEvidence };
      },
    });
    return { model: traced, artefact: model };
  }

  async function refresh(): Promise<void> {
    const pointer = await options.models.current();
    if (active && (pointer?.version ?? active.model.version) === active.model.version) return;
    const stored = pointer ? await options.models.load(pointer.version) : undefined;
    if (pointer && !stored) {
      // The package's default can be promoted back without being stored.
      const fallback = await options.loadDefault();
      if (fallback.version !== pointer.version) throw new Error(`the current model ${pointer.version} is not stored`);
      active = await wrap(fallback);
    } else {
      active = await wrap(stored ?? (await options.loadDefault()));
    }
    options.logger.info({ modelVersion: active.model.version, threshold: active.model.threshold }, 'routing with model');
  }

  // Loading a promoted model reads it from the database and builds it: seconds, not minutes.
  const progress = liveness.watch('check the current model', { boundMs: 120_000 });

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      progress
        .run(refresh)
        .catch((error: unknown) => options.logger.warn({ err: error }, 'could not check the current model; keeping the one loaded'))
        .finally(schedule);
    }, options.pollMs);
    timer.unref();
  }

  return {
    get() {
      if (!active) throw new Error('the model is not loaded yet');
      return active.model;
    },
    artefact() {
      if (!active) throw new Error('the model is not loaded yet');
      return active.artefact;
    },
    async start() {
      await refresh();
      schedule();
    },
    refresh,
    stop() {
      stopped = true;
      clearTimeout(timer);
      progress.close();
    },
  };
}
