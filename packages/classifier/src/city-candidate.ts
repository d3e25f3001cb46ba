import { type ClassifierModel, type HeldOutFigures, type ModelEvaluation } from './classifier-model.js';
import { createClassifier } from './create-classifier.js';
import { summariseCrossValidation } from './cross-validate.js';
import { figuresOf, scorePredictions, trainAndTest } from './held-out-test.js';
import { SEED_EXAMPLES } from './seed-examples.js';
import { stratifiedFolds } from './stratified-folds.js';
import { type LabelledAppeal, type TrainOptions, train } from './train.js';
import { type WordEmbeddings } from './word-embeddings.js';

/**
 * A city's own labelled appeal counts this many times a corpus appeal in training: its wording,
 * places and units are the ones the router will meet. On the Kursk learning curve 3 beat 1 and 5.
 */
export const CITY_EXAMPLE_WEIGHT = 3;
/** A quarter of the city's appeals is held out to compare the candidate with the current model. */
export const CITY_HELD_OUT_FOLDS = 4;
/** Fewer than this and the held-out quarter is too small to tell two models apart. */
export const MIN_CITY_EXAMPLES = 40;
const SEED = 42;

export interface CityCandidateInput {
  /** The training corpus, labelled with routing topics. */
  readonly corpus: readonly LabelledAppeal[];
  /** The city's past appeals, labelled through its routing table. */
  readonly city: readonly LabelledAppeal[];
  /** The model routing now, to compare the candidate with. */
  readonly current: ClassifierModel;
  /** The word vectors both the current model and the candidate use; null trains without them. */
  readonly embeddings: WordEmbeddings | null;
  /** Names the city in the candidate's version id. */
  readonly name: string;
  readonly now?: Date;
  /** Settings of the training runs beyond the defaults (tests train smaller models). */
  readonly train?: Omit<TrainOptions, 'embeddings' | 'corpus' | 'evaluation' | 'onProgress' | 'now'>;
  readonly onProgress?: (message: string) => void;
}

/** One model's figures on the city's held-out appeals. */
export interface HeldOutComparison extends HeldOutFigures {
  readonly version: string;
  /** The same figures as a model keeps them (`folds` 1: one held-out part), for the model list. */
  readonly evaluation: ModelEvaluation;
}

export interface CityCandidate {
  /** Trained on the corpus and all of the city's appeals; its evaluation is that of the held-out test. */
  readonly model: ClassifierModel;
  readonly corpusExamples: number;
  readonly cityExamples: number;
  readonly heldOutExamples: number;
  readonly current: HeldOutComparison;
  readonly candidate: HeldOutComparison;
}

/**
 * A candidate for a city: the corpus plus three quarters of the city's appeals (each counting
 * more) is tested against the current model on the held-out quarter, then the candidate is
 * trained on the corpus and all of the city. Pure: nothing is read, written or made the default.
 */
export function trainCityCandidate(input: CityCandidateInput): CityCandidate {
  const { corpus, city, current, embeddings } = input;
  const say = input.onProgress ?? (() => {});
  if (city.length < MIN_CITY_EXAMPLES) throw new RangeError(`${city.length} city appeals; at least ${MIN_CITY_EXAMPLES} are needed to hold a quarter out`);
  const options: TrainOptions = { ...input.train, embeddings, ...(input.now ? { now: input.now } : {}), onProgress: (m) => say(`  ${m}`) };
  const folds = stratifiedFolds(city.map((e) => e.topic), CITY_HELD_OUT_FOLDS, SEED);
  const weighted = (e: LabelledAppeal): LabelledAppeal => ({ text: e.text, topic: e.topic, weight: CITY_EXAMPLE_WEIGHT });
  const cityTrain = city.filter((_, i) => folds[i] !== 0).map(weighted);
  const heldOut = city.filter((_, i) => folds[i] === 0);
  say(`${city.length} of the city's appeals: ${cityTrain.length} to train on, ${heldOut.length} held out to compare; ${corpus.length} corpus appeals`);

  // Throws MissingEmbeddingsError when the vectors given are not the current model's.
  const currentClassifier = createClassifier(current, { embeddings: current.embedding === null ? null : embeddings });
  const currentPredictions = scorePredictions(currentClassifier, current.topics, heldOut);
  say('training the candidate on the corpus and three quarters of the city');
  const tested = trainAndTest([...corpus, ...cityTrain], heldOut, options);

  say('training the candidate on the corpus and all of the city');
  const evaluation = summariseCrossValidation({ topics: tested.model.topics, predictions: tested.predictions }, 1, SEED);
  const model = train([...corpus, ...SEED_EXAMPLES, ...city.map(weighted)], { ...options, corpus: input.name, evaluation });
  return {
    model,
    corpusExamples: corpus.length,
    cityExamples: city.length,
    heldOutExamples: heldOut.length,
    current: {
      version: current.version,
      ...figuresOf(currentPredictions, current.topics.length),
      evaluation: summariseCrossValidation({ topics: current.topics, predictions: currentPredictions }, 1, SEED),
    },
    candidate: { version: model.version, ...figuresOf(tested.predictions, tested.model.topics.length), evaluation },
  };
}
