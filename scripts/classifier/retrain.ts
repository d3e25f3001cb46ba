/**
 * Retrains the classifier on the labelled corpus plus what people taught the router (triage
 * decisions and hand-backs, read from the router's database), cross-validates the new recipe on
 * the corpus beside the current model's figures, and stores the new version as a candidate in
 * the router's database. Promotion makes it current; every router switches within seconds.
 *
 *   ./scripts/dev retrain [corpus.jsonl] [--folds N]     build, evaluate and store a candidate
 *   ./scripts/dev retrain promote <version> [--by <staff id>]   make a stored version current
 *   ./scripts/dev retrain [corpus.jsonl] --every <24h|30m|...> [--min-new N] [--promote-if-better]
 *       keep retraining: whenever the interval has passed and at least N (default 20) labelled
 *       examples came since the newest candidate; with --promote-if-better, promote a candidate
 *       that does no worse than the current model on held-out labels of people's. SIGTERM or
 *       SIGINT stops it, abandoning a run in progress.
 *
 * MONGO_URL and MONGO_DB (default priemnaya_router) name the router's database.
 */
import { parseArgs } from 'node:util';
import { loadDefaultModel } from '@priemnaya/classifier';
import { MongoClient } from 'mongodb';
import { createExampleRepository } from '../../services/router/src/data-access/example-repository.js';
import { createModelRepository } from '../../services/router/src/data-access/model-repository.js';
import { buildCandidate } from './retrain/build-candidate.js';
import { promoteModel } from './retrain/promote-model.js';
import { UsageError, parseCount, parseDuration } from './retrain/retrain-schedule.js';
import { runRetrainSchedule, type ScheduleOptions } from './retrain/retrain-scheduler.js';
import { corpusPath } from './read-corpus.js';

const say = (message: string): void => void process.stderr.write(`[retrain] ${message}\n`);
// A scheduler runs for days: its lines say when.
const sayWhen = (message: string): void => say(`${new Date().toISOString()} ${message}`);

const { values, positionals } = parsedArguments();
const schedule = withUsageErrors(scheduleOptions);
const mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) throw new Error('MONGO_URL is not set: the labelled examples and model versions live in the router database');
const client = await MongoClient.connect(mongoUrl);
try {
  const db = client.db(process.env.MONGO_DB ?? 'priemnaya_router');
  const models = createModelRepository(db);
  if (schedule) {
    await runSchedule(db, schedule);
  } else if (positionals[0] === 'promote') {
    const version = positionals[1];
    if (!version || !(await models.exists(version))) throw new Error(`promote: no stored model ${version ?? '(none given)'}; run retrain first`);
    const { before } = await promoteModel(db, version, { staffId: values.by, role: 'administrator' }, new Date());
    say(`${version} is current (was ${before?.version ?? 'the package default'}); routers switch within their poll interval`);
  } else {
    await retrain(db, positionals[0]);
  }
} finally {
  await client.close();
}

function parsedArguments() {
  const options = {
    folds: { type: 'string', default: '5' },
    seed: { type: 'string', default: '42' },
    by: { type: 'string', default: process.env.USER ?? 'cli' },
    every: { type: 'string' },
    'min-new': { type: 'string' },
    'promote-if-better': { type: 'boolean', default: false },
  } as const;
  return withUsageErrors(() => {
    try {
      return parseArgs({ allowPositionals: true, options });
    } catch (error) {
      // An unknown flag or a flag without its value: node's message names it.
      if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) throw new UsageError(error.message);
      throw error;
    }
  });
}

/** A usage error ends the command with its message and exit code 2, before anything is touched. */
function withUsageErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`error: ${error.message}`);
    process.exit(2);
  }
}

/** The scheduler's settings when `--every` is given; its companions without it are a mistake. */
function scheduleOptions(): ScheduleOptions | undefined {
  if (values.every === undefined) {
    const stray = [values['min-new'] !== undefined && '--min-new', values['promote-if-better'] && '--promote-if-better'].filter(Boolean);
    if (stray.length > 0) throw new UsageError(`${stray.join(' and ')} ${stray.length === 1 ? 'goes' : 'go'} with --every <duration>, e.g. --every 24h`);
    return undefined;
  }
  if (positionals[0] === 'promote') throw new UsageError('--every: schedules retrains; promote a version without it');
  return {
    everyText: values.every,
    every: parseDuration(values.every, '--every'),
    minNew: parseCount(values['min-new'] ?? '20', '--min-new'),
    promoteIfBetter: values['promote-if-better'],
    corpusPath: corpusPath(positionals[0]),
    // Checked here, not at the first run hours later.
    folds: atLeastTwo(parseCount(values.folds, '--folds')),
    seed: parseCount(values.seed, '--seed'),
  };
}

function atLeastTwo(folds: number): number {
  if (folds < 2) throw new UsageError(`--folds: cross-validation needs at least 2 folds, got ${folds}`);
  return folds;
}

/**
 * One shutdown routine: the first SIGTERM or SIGINT stops the schedule (a run in progress is
 * abandoned, writes already begun are finished), the database is closed after it, and a process
 * that has not ended 15 s later exits anyway. A second Ctrl-C ends it at once.
 */
async function runSchedule(db: ReturnType<MongoClient['db']>, options: ScheduleOptions): Promise<void> {
  const stopping = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    sayWhen(`${signal}: stopping; a run in progress is abandoned and nothing of it is stored`);
    stopping.abort();
    setTimeout(() => {
      sayWhen('did not stop within 15 s; exiting');
      process.exit(1);
    }, 15_000).unref();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  await runRetrainSchedule(options, { db, say: sayWhen, print: (lines) => void process.stdout.write(`${lines.join('\n')}\n`), stop: stopping.signal, clock: () => new Date() });
}

async function retrain(db: ReturnType<MongoClient['db']>, corpusArgument: string | undefined): Promise<void> {
  const taught = await createExampleRepository(db).all();
  const models = createModelRepository(db);
  const pointer = await models.current();
  const current = (pointer ? await models.load(pointer.version) : undefined) ?? (await loadDefaultModel());
  const { model, table } = await buildCandidate({ corpusPath: corpusPath(corpusArgument), folds: Number(values.folds), seed: Number(values.seed), taught, current, compare: null }, say);
  await models.saveCandidate(model, { comparedWith: { version: current.version, evaluation: current.evaluation }, labelledExamples: taught.length });
  const lines = [...table, '', `stored as a candidate; to route with it: ./scripts/dev retrain promote ${model.version}  (or POST /v1/models/${model.version}/promote)`];
  process.stdout.write(`${lines.join('\n')}\n`);
}
