import { type HeldOut, type ModelEvaluation, type TrainOptions, figuresOf, trainAndTest } from '@priemnaya/classifier';
import { PLACE_SPLIT, localPoolAndTest, placeSplit } from './place-split.js';
import { type CorpusAppeal } from './read-corpus.js';

// In @priemnaya/classifier since the router's city import trains with it too; kept here for the scripts.
export { CITY_EXAMPLE_WEIGHT } from '@priemnaya/classifier';

export type ShiftedFigures = NonNullable<ModelEvaluation['shifted']>;

/** The place split's figures, as a model keeps them, and its held-out predictions for the charts. */
export function evaluatePlaceSplit(corpus: readonly CorpusAppeal[], options: TrainOptions): { figures: ShiftedFigures; heldOut: HeldOut } | null {
  const split = placeSplit(corpus);
  if (split.test.length === 0 || split.train.length === 0) return null;
  const heldOut = trainAndTest(split.train, split.test, options);
  return {
    figures: { split: PLACE_SPLIT, trainExamples: split.train.length, testExamples: split.test.length, ...figuresOf(heldOut.predictions, heldOut.model.topics.length) },
    heldOut,
  };
}

export interface LearningPoint {
  readonly localExamples: number;
  readonly accuracy: number;
  readonly macroF1: number;
  readonly coverageAt95Precision: number;
}

/**
 * How fast a new city's own labelled appeals pay off: the place split's training side plus the
 * first n appeals of the shifted side (each counting `localWeight` times), tested on a fixed part
 * of the shifted side that no point labels.
 */
export function learningCurve(
  corpus: readonly CorpusAppeal[],
  sizes: readonly number[],
  options: TrainOptions & { localWeight: number; seed: number; onPoint?: (n: number) => void },
): { points: LearningPoint[]; testExamples: number } | null {
  const split = placeSplit(corpus);
  const poolSize = Math.max(...sizes);
  if (split.test.length < poolSize + 50) return null;
  const { pool, test } = localPoolAndTest(split.test, poolSize, options.seed);
  const points = sizes.map((n) => {
    options.onPoint?.(n);
    const local = pool.slice(0, n).map((e) => ({ text: e.text, topic: e.topic, weight: options.localWeight }));
    const { model, predictions } = trainAndTest([...split.train, ...local], test, options);
    const figures = figuresOf(predictions, model.topics.length);
    return { localExamples: n, accuracy: figures.accuracy, macroF1: figures.macroF1, coverageAt95Precision: figures.coverageAt95Precision };
  });
  return { points, testExamples: test.length };
}
