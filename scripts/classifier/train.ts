/**
 * Trains the default classifier model on the labelled corpus plus the package's seed examples,
 * cross-validates the same recipe for the figures it keeps, writes the versioned artefact to
 * packages/classifier/models/ and points default.json at it.
 *
 *   ./scripts/dev train [corpus.jsonl]
 */
import { join } from 'node:path';
import {
  MODELS_DIRECTORY,
  SEED_EXAMPLES,
  crossValidate,
  summariseCrossValidation,
  train,
  writeDefaultPointer,
  writeModelFile,
} from '@priemnaya/classifier';
import { corpusPath, readCorpus } from './read-corpus.js';

const FOLDS = 5;
const SEED = 42;

const say = (message: string): void => void process.stderr.write(`[train] ${message}\n`);

const path = corpusPath(process.argv[2]);
const corpus = await readCorpus(path);
say(`${corpus.length} labelled appeals from ${path}, ${SEED_EXAMPLES.length} seed examples`);

const started = Date.now();
const cv = crossValidate(corpus, {
  folds: FOLDS,
  seed: SEED,
  extraTraining: SEED_EXAMPLES,
  onFold: (fold) => say(`cross-validation fold ${fold + 1}/${FOLDS}`),
});
const evaluation = summariseCrossValidation(cv, FOLDS, SEED);
say(`cross-validated macro-F1 ${evaluation.macroF1.toFixed(3)}, coverage at 95% precision ${evaluation.coverageAt95Precision.toFixed(3)}`);

const model = train([...corpus, ...SEED_EXAMPLES], {
  corpus: 'kursk',
  evaluation,
  onProgress: (message) => say(message),
});
const file = `${model.version}.json.gz`;
await writeModelFile(join(MODELS_DIRECTORY, file), model);
await writeDefaultPointer(MODELS_DIRECTORY, { version: model.version, file });
say(`model ${model.version}: ${model.terms.length} terms, written to ${join(MODELS_DIRECTORY, file)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
