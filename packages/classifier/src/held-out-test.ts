import { type ClassifierModel, type HeldOutFigures } from './classifier-model.js';
import { createClassifier } from './create-classifier.js';
import {
  type ScoredPrediction,
  accuracy,
  confusionMatrix,
  coverageAtPrecision,
  expectedCalibrationError,
  macroF1,
  reliabilityBins,
} from './metrics.js';
import { SEED_EXAMPLES } from './seed-examples.js';
import { type LabelledAppeal, type TrainOptions, train } from './train.js';

/** A model and its scored prediction of every appeal of a test set it was not trained on. */
export interface HeldOut {
  readonly model: ClassifierModel;
  readonly predictions: ScoredPrediction[];
}

/** Trains on `training` (plus the seed examples) and classifies every appeal of `test`. */
export function trainAndTest(training: readonly LabelledAppeal[], test: readonly LabelledAppeal[], options: TrainOptions): HeldOut {
  const model = train([...training, ...SEED_EXAMPLES], options);
  const classifier = createClassifier(model, { embeddings: options.embeddings ?? null });
  return { model, predictions: scorePredictions(classifier, model.topics, test) };
}

/** How a classifier does on labelled appeals: one scored prediction each, in their order. */
export function scorePredictions(
  classifier: { classify(text: string): { topic: string; confidence: number } },
  topics: readonly string[],
  test: readonly LabelledAppeal[],
): ScoredPrediction[] {
  return test.map((e) => {
    const result = classifier.classify(e.text);
    return { actual: topics.indexOf(e.topic), predicted: topics.indexOf(result.topic), confidence: result.confidence };
  });
}

export function figuresOf(predictions: readonly ScoredPrediction[], topicCount: number): HeldOutFigures {
  const coverage = coverageAtPrecision(predictions, 0.95);
  return {
    accuracy: accuracy(predictions),
    macroF1: macroF1(confusionMatrix(predictions, topicCount)),
    coverageAt95Precision: coverage.coverage,
    thresholdAt95Precision: coverage.threshold,
    expectedCalibrationError: expectedCalibrationError(reliabilityBins(predictions, 10)),
  };
}
