import { join } from 'node:path';
import {
  MODELS_DIRECTORY,
  SEED_EXAMPLES,
  crossValidate,
  loadWordVectors,
  summariseCrossValidation,
  train,
  writeDefaultPointer,
  writeModelFile,
} from '@priemnaya/classifier';
import { evaluatePlaceSplit } from './evaluation-protocol.js';
import { type CorpusAppeal } from './read-corpus.js';

const FOLDS = 5;
const SEED = 42;

/**
 * Trains the default model on a labelled corpus plus the package's seed examples, with the
 * figures of the same recipe (cross-validation, and the place split when the corpus names its
 * executors), writes the versioned artefact to packages/classifier/models/ and points default.json at it.
 */
export async function trainDefaultModel(corpus: readonly CorpusAppeal[], say: (message: string) => void): Promise<void> {
  const started = Date.now();
  const embeddings = await loadWordVectors();
  say(`${corpus.length} labelled appeals, ${SEED_EXAMPLES.length} seed examples, word vectors ${embeddings.id}`);
  const options = { embeddings };
  const cv = crossValidate(corpus, {
    folds: FOLDS,
    seed: SEED,
    train: options,
    extraTraining: SEED_EXAMPLES,
    onFold: (fold) => say(`cross-validation fold ${fold + 1}/${FOLDS}`),
  });
  const evaluation = summariseCrossValidation(cv, FOLDS, SEED);
  say(`cross-validated accuracy ${evaluation.accuracy.toFixed(3)}, macro-F1 ${evaluation.macroF1.toFixed(3)}, coverage at 95% precision ${evaluation.coverageAt95Precision.toFixed(3)}`);
  say('place split');
  const shifted = evaluatePlaceSplit(corpus, options);
  if (shifted !== null) {
    say(`place split accuracy ${shifted.figures.accuracy.toFixed(3)}, macro-F1 ${shifted.figures.macroF1.toFixed(3)}, coverage at 95% precision ${shifted.figures.coverageAt95Precision.toFixed(3)}`);
  }
  const model = train([...corpus, ...SEED_EXAMPLES], {
    ...options,
    corpus: 'kursk',
    evaluation: { ...evaluation, ...(shifted ? { shifted: shifted.figures } : {}) },
    onProgress: say,
  });
  const file = `${model.version}.json.gz`;
  await writeModelFile(join(MODELS_DIRECTORY, file), model);
  await writeDefaultPointer(MODELS_DIRECTORY, { version: model.version, file });
  say(`model ${model.version}: ${model.terms.length} terms, written to ${join(MODELS_DIRECTORY, file)} and made the default, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
