import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  MODELS_DIRECTORY,
  SEED_EXAMPLES,
  type LabelledAppeal,
  loadDefaultModel,
  loadWordVectors,
  openClassifier,
  stratifiedFolds,
  summariseCrossValidation,
  train,
  writeModelFile,
} from '@priemnaya/classifier';
import { type RoutingTopic } from '@priemnaya/contracts';
import { SAMPLE_UNITS } from '@priemnaya/reference-data';
import { CITY_EXAMPLE_WEIGHT, figuresOf, trainAndTest } from './evaluation-protocol.js';
import { type CityHistory, formatCityHistoryErrors, readCityHistory } from './city-history/read-city-history.js';
import { type CorpusAppeal } from './read-corpus.js';

/** A quarter of the city's appeals is held out to compare the candidate with the current model. */
const HELD_OUT_FOLDS = 4;
const MIN_CITY_EXAMPLES = 40;
const SEED = 42;

export interface CityTrainingResult {
  readonly version: string;
  readonly file: string;
}

/** The sample city's units (names and codes) to their topics; a city's own table replaces it. */
export function sampleUnitTopics(): Map<string, RoutingTopic> {
  const map = new Map<string, RoutingTopic>();
  for (const unit of SAMPLE_UNITS) {
    // A unit that answers several topics cannot label an appeal with one of them.
    if (unit.topics.length !== 1) continue;
    map.set(unit.name, unit.topics[0]!);
    map.set(unit.code, unit.topics[0]!);
  }
  return map;
}

/** Reads a city's export; throws with every bad line named when anything in it is wrong. */
export async function readCityFile(path: string, unitTopics: ReadonlyMap<string, RoutingTopic>): Promise<CityHistory> {
  const history = await readCityHistory(await readFile(path), basename(path), { unitTopics });
  if (history.errors.length > 0) {
    throw new CityImportError(`${history.errors.length} problem(s) in ${path}; nothing was trained:\n${formatCityHistoryErrors(history.errors, { fileName: basename(path) })}`);
  }
  if (history.examples.length < MIN_CITY_EXAMPLES) {
    throw new CityImportError(`${path} holds ${history.examples.length} labelled appeals; at least ${MIN_CITY_EXAMPLES} are needed to train and compare a candidate`);
  }
  return history;
}

export class CityImportError extends Error {
  override readonly name = 'CityImportError';
}

/**
 * A candidate for a city: the corpus plus the city's own appeals (each counting more), compared
 * with the current default model on a held-out quarter of the city's appeals, then trained on all
 * of them and written beside the other artefacts. It is not made the default here.
 */
export async function trainCityCandidate(
  corpus: readonly CorpusAppeal[],
  city: readonly LabelledAppeal[],
  options: { name: string; say: (message: string) => void; print: (line: string) => void },
): Promise<CityTrainingResult> {
  const { say, print } = options;
  const embeddings = await loadWordVectors();
  const folds = stratifiedFolds(city.map((e) => e.topic), HELD_OUT_FOLDS, SEED);
  const cityTrain = city.filter((_, i) => folds[i] !== 0).map((e) => ({ ...e, weight: CITY_EXAMPLE_WEIGHT }));
  const heldOut = city.filter((_, i) => folds[i] === 0);
  say(`${city.length} of the city's appeals: ${cityTrain.length} to train on, ${heldOut.length} held out to compare; ${corpus.length} corpus appeals`);

  const current = await loadDefaultModel();
  const currentClassifier = await openClassifier(current);
  const currentPredictions = heldOut.map((e) => {
    const result = currentClassifier.classify(e.text);
    return { actual: current.topics.indexOf(e.topic), predicted: current.topics.indexOf(result.topic), confidence: result.confidence };
  });
  say('training the candidate on the corpus and three quarters of the city');
  const candidate = trainAndTest([...corpus, ...cityTrain], heldOut, { embeddings, onProgress: (m) => say(`  ${m}`) });
  const before = figuresOf(currentPredictions, current.topics.length);
  const after = figuresOf(candidate.predictions, candidate.model.topics.length);

  say('training the candidate on the corpus and all of the city');
  const evaluation = summariseCrossValidation({ topics: candidate.model.topics, predictions: candidate.predictions }, 1, SEED);
  const model = train([...corpus, ...SEED_EXAMPLES, ...city.map((e) => ({ ...e, weight: CITY_EXAMPLE_WEIGHT }))], {
    embeddings,
    corpus: options.name,
    evaluation,
    onProgress: (m) => say(`  ${m}`),
  });
  const file = `${model.version}.json.gz`;
  await writeModelFile(join(MODELS_DIRECTORY, file), model);

  const percent = (v: number): string => `${(100 * v).toFixed(1)}%`;
  const line = (name: string, a: string, b: string): string => `${name.padEnd(34)} ${a.padStart(28)} ${b.padStart(28)}`;
  print(`on ${heldOut.length} held-out appeals of the city:`);
  print(line('', 'current', 'candidate'));
  print(line('version', current.version, model.version));
  print(line('accuracy', percent(before.accuracy), percent(after.accuracy)));
  print(line('macro-F1', before.macroF1.toFixed(3), after.macroF1.toFixed(3)));
  print(line('coverage at 95% precision', percent(before.coverageAt95Precision), percent(after.coverageAt95Precision)));
  print(line('confidence threshold at 95%', before.thresholdAt95Precision?.toFixed(3) ?? 'none', after.thresholdAt95Precision?.toFixed(3) ?? 'none'));
  print('');
  print(`candidate written to ${join(MODELS_DIRECTORY, file)}; it is not the default yet.`);
  return { version: model.version, file };
}
