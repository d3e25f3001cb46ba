import { createClassifier } from './create-classifier.js';
import { type ModelEvaluation } from './classifier-model.js';
import {
  type ScoredPrediction,
  accuracy,
  classScores,
  confusionMatrix,
  coverageAtPrecision,
  expectedCalibrationError,
  macroF1,
  reliabilityBins,
} from './metrics.js';
import { stratifiedFolds } from './stratified-folds.js';
import { type LabelledAppeal, type TrainOptions, train } from './train.js';

export interface CrossValidation {
  readonly topics: readonly string[];
  /** One out-of-fold prediction per example, in the examples' order. */
  readonly predictions: ScoredPrediction[];
}

/**
 * Stratified k-fold cross-validation: each example is classified by a model (calibration
 * included) that never saw it.
 */
export function crossValidate(
  examples: readonly LabelledAppeal[],
  options: {
    folds: number;
    seed: number;
    train?: TrainOptions;
    /** Added to every fold's training set and never tested (seed examples, corrections). */
    extraTraining?: readonly LabelledAppeal[];
    onFold?: (fold: number) => void;
  },
): CrossValidation {
  const folds = stratifiedFolds(examples.map((e) => e.topic), options.folds, options.seed);
  const predictions = new Array<ScoredPrediction>(examples.length);
  let topics: readonly string[] = [];
  for (let fold = 0; fold < options.folds; fold++) {
    options.onFold?.(fold);
    const model = train([...examples.filter((_, i) => folds[i] !== fold), ...(options.extraTraining ?? [])], options.train);
    const classifier = createClassifier(model, { embeddings: options.train?.embeddings ?? null });
    topics = model.topics;
    examples.forEach((example, i) => {
      if (folds[i] !== fold) return;
      const result = classifier.classify(example.text);
      predictions[i] = {
        actual: model.topics.indexOf(example.topic),
        predicted: model.topics.indexOf(result.topic),
        confidence: result.confidence,
      };
    });
  }
  return { topics, predictions };
}

/** The figures of a cross-validation, as kept in a model artefact. */
export function summariseCrossValidation(cv: CrossValidation, folds: number, seed: number): ModelEvaluation {
  const matrix = confusionMatrix(cv.predictions, cv.topics.length);
  const perClass = classScores(matrix);
  const coverage = coverageAtPrecision(cv.predictions, 0.95);
  return {
    folds,
    seed,
    examples: cv.predictions.length,
    accuracy: accuracy(cv.predictions),
    macroF1: macroF1(matrix),
    coverageAt95Precision: coverage.coverage,
    thresholdAt95Precision: coverage.threshold,
    expectedCalibrationError: expectedCalibrationError(reliabilityBins(cv.predictions, 10)),
    perTopic: Object.fromEntries(cv.topics.map((topic, i) => [topic, perClass[i] ?? { precision: 0, recall: 0, f1: 0, support: 0 }])),
  };
}
