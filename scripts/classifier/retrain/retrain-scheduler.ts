import { setTimeout as sleep } from 'node:timers/promises';
import { loadDefaultModel } from '@priemnaya/classifier';
import { type Db } from 'mongodb';
import { createExampleRepository, type LabelledExample } from '../../../services/router/src/data-access/example-repository.js';
import { createModelRepository, type StoredModel } from '../../../services/router/src/data-access/model-repository.js';
import { unseenAfter } from './held-out-labels.js';
import { RETRAIN_SCHEDULER, promoteModel } from './promote-model.js';
import { POLL_MS, isBetter, isRetrainDue } from './retrain-schedule.js';
import { RunAbandonedError, buildCandidateApart } from './spawn-candidate-process.js';

export interface ScheduleOptions {
  /** `--every` as given, for the log, and in milliseconds. */
  readonly everyText: string;
  readonly every: number;
  readonly minNew: number;
  readonly promoteIfBetter: boolean;
  readonly corpusPath: string;
  readonly folds: number;
  readonly seed: number;
}

export interface ScheduleDependencies {
  readonly db: Db;
  readonly say: (message: string) => void;
  /** Where the figures' table goes (stdout, as a single retrain prints it). */
  readonly print: (lines: readonly string[]) => void;
  /** Aborted on SIGTERM or SIGINT: no run starts after it, and a run in progress is abandoned. */
  readonly stop: AbortSignal;
  readonly clock: () => Date;
}

type StoredVersion = Omit<StoredModel, 'artefact'>;

/**
 * Retrains whenever `isRetrainDue` says so, until stopped. A run that fails is logged and the
 * next waits for the interval; one that is stopped is abandoned (its process killed, nothing
 * stored), except that writes already begun (the candidate, a promotion) are finished.
 */
export async function runRetrainSchedule(options: ScheduleOptions, deps: ScheduleDependencies): Promise<void> {
  const { db, say, stop, clock } = deps;
  const examples = createExampleRepository(db);
  const models = createModelRepository(db);
  say(
    `retraining every ${options.everyText} once at least ${options.minNew} new labelled examples are in; ` +
      (options.promoteIfBetter ? 'a candidate no worse than the current model on held-out labels is promoted' : 'candidates wait for a person to promote them'),
  );
  let lastAttemptAt: Date | null = null;
  let lastReason = '';
  while (!stop.aborted) {
    let state: { taught: LabelledExample[]; stored: StoredVersion[] };
    try {
      state = { taught: await examples.all(), stored: await models.list() };
    } catch (error) {
      say(`could not read the labelled examples or the stored models (${describe(error)}); looking again in ${POLL_MS / 60_000} min`);
      await sleepUnlessStopped(POLL_MS, stop);
      continue;
    }
    const newest = state.stored[0];
    const due = isRetrainDue({
      now: clock(),
      every: options.every,
      minNew: options.minNew,
      lastCandidateAt: newest?.createdAt ?? null,
      lastAttemptAt,
      examples: state.taught.length,
      trainedWith: newest?.labelledExamples ?? 0,
    });
    if (!due.due) {
      // Looked at every few minutes while examples trickle in: said only when something changed.
      if (due.reason !== lastReason) say(`waiting: ${due.reason}`);
      lastReason = due.reason;
      await sleepUnlessStopped(due.checkInMs, stop);
      continue;
    }
    lastReason = '';
    lastAttemptAt = clock();
    say(`retraining: ${due.reason}`);
    try {
      await retrainOnce(state.taught, state.stored, options, deps);
    } catch (error) {
      if (error instanceof RunAbandonedError) {
        say(error.message);
        break;
      }
      say(`the run failed; the next is due after the interval: ${describe(error)}`);
    }
  }
  say('stopped');
}

async function retrainOnce(taught: readonly LabelledExample[], stored: readonly StoredVersion[], options: ScheduleOptions, deps: ScheduleDependencies): Promise<void> {
  const { db, say, print, stop, clock } = deps;
  const models = createModelRepository(db);
  const pointer = await models.current();
  const storedCurrent = pointer ? await models.load(pointer.version) : undefined;
  const current = storedCurrent ?? (await loadDefaultModel());
  const after = unseenAfter({
    stored: storedCurrent !== undefined,
    createdAt: new Date(current.createdAt),
    labelledExamples: stored.find((version) => version._id === current.version)?.labelledExamples ?? null,
  });
  const candidate = await buildCandidateApart(
    {
      corpusPath: options.corpusPath,
      folds: options.folds,
      seed: options.seed,
      taught: taught.map(({ appealId, text, topic, source, at }) => ({ appealId, text, topic, source, at })),
      current,
      compare: options.promoteIfBetter ? { after } : null,
    },
    { say, signal: stop },
  );
  const version = candidate.model.version;
  await models.saveCandidate(candidate.model, { comparedWith: { version: current.version, evaluation: current.evaluation }, labelledExamples: taught.length });
  print(candidate.table);
  const byHand = `./scripts/dev retrain promote ${version}`;
  if (!options.promoteIfBetter) {
    say(`stored ${version} as a candidate; to route with it: ${byHand}`);
    return;
  }
  const verdict = candidate.comparison ? isBetter(candidate.comparison) : { better: false, reason: 'no held-out comparison was made' };
  if (!verdict.better) {
    say(`left ${version} as a candidate: ${verdict.reason}; to route with it anyway: ${byHand}`);
    return;
  }
  // The comparison was against the model current when the run began; a person may have promoted another since.
  const now = await models.current();
  if (now?.version !== pointer?.version) {
    say(`left ${version} as a candidate: the current model changed during the run (${pointer?.version ?? 'the package default'} to ${now?.version ?? 'the package default'}), so the comparison no longer holds`);
    return;
  }
  const { before } = await promoteModel(db, version, RETRAIN_SCHEDULER, clock());
  say(`promoted ${version} (was ${before?.version ?? 'the package default'}): ${verdict.reason}; routers switch within their poll interval`);
}

async function sleepUnlessStopped(ms: number, stop: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal: stop });
  } catch (error) {
    if (!stop.aborted) throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
