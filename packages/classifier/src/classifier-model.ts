import { createHash } from 'node:crypto';
import { RoutingTopic } from '@priemnaya/contracts';
import { z } from 'zod';
import { FeatureSettings } from './feature-space.js';

/** The format this package writes. */
export const MODEL_FORMAT = 'priemnaya-classifier/3';
/** Formats this package reads: 1 has temperature calibration only, 2 adds margin calibration, 3 word embeddings. */
export const MODEL_FORMATS = ['priemnaya-classifier/1', 'priemnaya-classifier/2', MODEL_FORMAT] as const;

export const TemperatureCalibration = z.object({
  method: z.literal('temperature'),
  temperature: z.number().positive(),
  folds: z.number().int(),
});
export type TemperatureCalibration = z.infer<typeof TemperatureCalibration>;

/**
 * Confidence from the margin between the two best scores through isotonic knots fitted on
 * held-out folds; the temperature spreads the rest of the probability over the other topics.
 */
export const MarginCalibration = z
  .object({
    method: z.literal('margin-isotonic'),
    temperature: z.number().positive(),
    folds: z.number().int(),
    margins: z.array(z.number()).min(1),
    confidences: z.array(z.number().min(0).max(1)).min(1),
  })
  .refine((c) => c.margins.length === c.confidences.length, { message: 'one confidence per margin knot' });
export type MarginCalibrationSettings = z.infer<typeof MarginCalibration>;

const TopicScores = z.object({
  precision: z.number(),
  recall: z.number(),
  f1: z.number(),
  support: z.number().int(),
});

/**
 * The pretrained word vectors a model was trained with, named by id and checksum (the vectors
 * themselves are a cached download, not part of the artefact), and the weights of their block.
 */
export const EmbeddingBlock = z.object({
  id: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  dimensions: z.number().int().positive(),
  weight: z.number().positive(),
  smoothing: z.number().positive(),
  l2: z.number().positive(),
  /** Dimension-major: `weights[dimension * topics.length + topic]`. */
  weights: z.array(z.number()),
});
export type EmbeddingBlock = z.infer<typeof EmbeddingBlock>;

/** What a model did on appeals it never saw: the figures any held-out evaluation gives. */
export const HeldOutFigures = z.object({
  accuracy: z.number(),
  macroF1: z.number(),
  coverageAt95Precision: z.number(),
  thresholdAt95Precision: z.number().nullable(),
  expectedCalibrationError: z.number(),
});
export type HeldOutFigures = z.infer<typeof HeldOutFigures>;

/** Cross-validated figures of the way a model was trained, kept with the model for comparison. */
export const ModelEvaluation = HeldOutFigures.extend({
  folds: z.number().int(),
  seed: z.number().int(),
  examples: z.number().int(),
  perTopic: z.record(z.string(), TopicScores),
  /**
   * The same figures on a split unlike the training appeals in the way a new city is (trained on
   * one part of the corpus, tested on another by place); its threshold is the one to route with.
   */
  shifted: HeldOutFigures.extend({
    split: z.string(),
    trainExamples: z.number().int(),
    testExamples: z.number().int(),
  }).optional(),
});
export type ModelEvaluation = z.infer<typeof ModelEvaluation>;

/**
 * The versioned model artefact the router loads: feature settings, vocabulary (stems and
 * character n-grams that occur in several appeals, never raw text), weights, calibration and
 * the figures it was evaluated with.
 */
export const ClassifierModel = z
  .object({
    format: z.enum(MODEL_FORMATS),
    /** `<corpus>-<yyyy-mm-dd>-<hash of the weights>`; the router records it with each decision. */
    version: z.string().regex(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/),
    createdAt: z.iso.datetime(),
    topics: z.array(RoutingTopic).min(2),
    features: FeatureSettings,
    terms: z.array(z.string()),
    idf: z.array(z.number()),
    /** Feature-major: `weights[term * topics.length + topic]`. */
    weights: z.array(z.number()),
    bias: z.array(z.number()),
    calibration: z.union([TemperatureCalibration, MarginCalibration]),
    training: z.object({
      examples: z.number().int(),
      perTopic: z.record(z.string(), z.number().int()),
      options: z.record(z.string(), z.unknown()),
    }),
    /** Absent in formats 1 and 2: no embedding block. */
    embedding: EmbeddingBlock.nullable().default(null),
    evaluation: ModelEvaluation.nullable(),
  })
  .refine((m) => m.idf.length === m.terms.length, { message: 'idf must have one value per term' })
  .refine((m) => m.weights.length === m.terms.length * m.topics.length, {
    message: 'weights must have one value per term and topic',
  })
  .refine((m) => m.bias.length === m.topics.length, { message: 'bias must have one value per topic' })
  .refine((m) => m.embedding === null || m.embedding.weights.length === m.embedding.dimensions * m.topics.length, {
    message: 'embedding weights must have one value per dimension and topic',
    path: ['embedding', 'weights'],
  });
export type ClassifierModel = z.infer<typeof ClassifierModel>;

/** A version id that names the corpus, the day and the content, so two different models never share one. */
export function modelVersion(corpus: string, createdAt: Date, content: Pick<ClassifierModel, 'terms' | 'weights' | 'bias'>): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([content.terms, content.weights, content.bias]))
    .digest('hex')
    .slice(0, 8);
  const slug = corpus.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'model';
  return `${slug}-${createdAt.toISOString().slice(0, 10)}-${hash}`;
}

export function serialiseModel(model: ClassifierModel): string {
  return JSON.stringify(model);
}

/** Parses and checks a model artefact; throws a ZodError naming the first broken field. */
export function parseModel(json: string): ClassifierModel {
  return ClassifierModel.parse(JSON.parse(json));
}
