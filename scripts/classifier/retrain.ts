/**
 * Retrains the classifier on the labelled corpus plus what people taught the router (triage
 * decisions and hand-backs, read from the router's database), cross-validates the new recipe on
 * the corpus beside the current model's figures, and stores the new version as a candidate in
 * the router's database. Promotion makes it current; every router switches within seconds.
 *
 *   ./scripts/dev retrain [corpus.jsonl] [--folds N]     build, evaluate and store a candidate
 *   ./scripts/dev retrain promote <version> [--by <staff id>]   make a stored version current
 *
 * MONGO_URL and MONGO_DB (default priemnaya_router) name the router's database.
 */
import { parseArgs } from 'node:util';
import {
  SEED_EXAMPLES,
  crossValidate,
  loadDefaultModel,
  loadWordVectors,
  openClassifier,
  summariseCrossValidation,
  train,
  type LabelledAppeal,
  type ModelEvaluation,
} from '@priemnaya/classifier';
import { MongoClient } from 'mongodb';
import { createAuditRepository } from '../../services/router/src/data-access/audit-repository.js';
import { createExampleRepository } from '../../services/router/src/data-access/example-repository.js';
import { createModelRepository } from '../../services/router/src/data-access/model-repository.js';
import { CITY_EXAMPLE_WEIGHT, evaluatePlaceSplit } from './evaluation-protocol.js';
import { corpusPath, readCorpus } from './read-corpus.js';

const say = (message: string): void => void process.stderr.write(`[retrain] ${message}\n`);
const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { folds: { type: 'string', default: '5' }, seed: { type: 'string', default: '42' }, by: { type: 'string', default: process.env.USER ?? 'cli' } },
});
const mongoUrl = process.env.MONGO_URL;
if (!mongoUrl) throw new Error('MONGO_URL is not set: the labelled examples and model versions live in the router database');
const client = await MongoClient.connect(mongoUrl);
try {
  const db = client.db(process.env.MONGO_DB ?? 'priemnaya_router');
  const models = createModelRepository(db);
  if (positionals[0] === 'promote') {
    const version = positionals[1];
    if (!version || !(await models.exists(version))) throw new Error(`promote: no stored model ${version ?? '(none given)'}; run retrain first`);
    const at = new Date();
    const { before, after } = await models.promote(version, values.by, at);
    await createAuditRepository(db).record({ at, by: { staffId: values.by, role: 'administrator' }, entity: 'model', key: 'current', before, after });
    say(`${version} is current (was ${before?.version ?? 'the package default'}); routers switch within their poll interval`);
  } else {
    await retrain(db, positionals[0]);
  }
} finally {
  await client.close();
}

async function retrain(db: ReturnType<MongoClient['db']>, corpusArgument: string | undefined): Promise<void> {
  const folds = Number(values.folds);
  const seed = Number(values.seed);
  const corpus = await readCorpus(corpusPath(corpusArgument));
  const taught = await createExampleRepository(db).all();
  const people: LabelledAppeal[] = taught.map(({ text, topic }) => ({ text, topic }));
  say(`${corpus.length} corpus appeals, ${people.length} labelled by people (${countBy(taught.map((e) => e.source))}), ${SEED_EXAMPLES.length} seed examples`);

  const models = createModelRepository(db);
  const pointer = await models.current();
  const current = (pointer ? await models.load(pointer.version) : undefined) ?? (await loadDefaultModel());

  // Evaluated on the corpus folds alone, as the current model was: people's examples join every
  // training fold, so the two sets of figures compare the recipes on the same held-out appeals.
  const embeddings = await loadWordVectors();
  const cv = crossValidate(corpus, {
    folds,
    seed,
    train: { embeddings },
    extraTraining: [...SEED_EXAMPLES, ...people],
    onFold: (fold) => say(`cross-validation fold ${fold + 1}/${folds}`),
  });
  say('place split');
  const shifted = evaluatePlaceSplit(corpus, { embeddings });
  const evaluation = { ...summariseCrossValidation(cv, folds, seed), ...(shifted ? { shifted: shifted.figures } : {}) };
  say('training on everything');
  // What people taught the router is the city's own wording: it counts as a city's appeal does.
  const taughtExamples = people.map((e) => ({ ...e, weight: CITY_EXAMPLE_WEIGHT }));
  const model = train([...corpus, ...SEED_EXAMPLES, ...taughtExamples], { embeddings, corpus: 'kursk-taught', evaluation, onProgress: say });
  await models.saveCandidate(model, { comparedWith: { version: current.version, evaluation: current.evaluation }, labelledExamples: people.length });

  const onPeople = (classify: (text: string) => string) => (people.length === 0 ? Number.NaN : people.filter((e) => classify(e.text) === e.topic).length / people.length);
  const currentClassifier = await openClassifier(current);
  const rows: [string, (e: ModelEvaluation | null) => string][] = [
    // Figures from different fold counts or seeds are not quite comparable: shown, so it is seen.
    ['folds, seed, corpus appeals', (e) => (e ? `${e.folds}, ${e.seed}, ${e.examples}` : 'n/a')],
    ['accuracy (corpus, out-of-fold)', (e) => (e ? percent(e.accuracy) : 'n/a')],
    ['macro-F1 (corpus, out-of-fold)', (e) => (e ? e.macroF1.toFixed(3) : 'n/a')],
    ['coverage at 95% precision', (e) => (e ? percent(e.coverageAt95Precision) : 'n/a')],
    ['threshold at 95% precision', (e) => e?.thresholdAt95Precision?.toFixed(3) ?? 'none'],
  ];
  const lines = [
    `${''.padEnd(32)} ${'current'.padStart(12)} ${'candidate'.padStart(12)}`,
    `${'version'.padEnd(32)} ${current.version} ${model.version}`,
    ...rows.map(([name, show]) => `${name.padEnd(32)} ${show(current.evaluation).padStart(12)} ${show(evaluation).padStart(12)}`),
    `${"people's labels (in training)".padEnd(32)} ${percent(onPeople((t) => currentClassifier.classify(t).topic)).padStart(12)} ${'(trained)'.padStart(12)}`,
    '',
    `stored as a candidate; to route with it: ./scripts/dev retrain promote ${model.version}  (or POST /v1/models/${model.version}/promote)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${value} ${count}`).join(', ') || 'none yet';
}
