import { type RoutingTopic } from '@priemnaya/contracts';
import { type ClassifierModel } from './classifier-model.js';
import { createRussianStemmer } from './russian-stemmer.js';
import { scores, softmaxInPlace } from './softmax-regression.js';
import { createVectoriser } from './vectoriser.js';

export interface TopicConfidence {
  readonly topic: RoutingTopic;
  readonly confidence: number;
}

export interface Classification extends TopicConfidence {
  /** The next most likely topics, most likely first. */
  readonly alternatives: TopicConfidence[];
  /** The terms that weighed most for the chosen topic (stems; `~xyz` for a character n-gram). */
  readonly terms: string[];
  /** Set when the text held nothing the model knows: the topic is a guess and the confidence says so. */
  readonly noEvidence: boolean;
  /** The raw class scores, before calibration (for evaluation and calibration fitting). */
  readonly logits: Float64Array;
}

export interface Classifier {
  readonly version: string;
  readonly topics: readonly RoutingTopic[];
  classify(text: string): Classification;
}

const ALTERNATIVES = 2;
const TERMS = 5;

/** A classifier over a loaded model; pure and synchronous, safe to call for every appeal. */
export function createClassifier(model: ClassifierModel): Classifier {
  const topicCount = model.topics.length;
  const weights = Float32Array.from(model.weights);
  const bias = Float32Array.from(model.bias);
  const vectoriser = createVectoriser(model.terms, Float32Array.from(model.idf), model.features, createRussianStemmer());
  const temperature = model.calibration.temperature;

  return {
    version: model.version,
    topics: model.topics,
    classify(text) {
      const vector = vectoriser.vectorise(typeof text === 'string' ? text : '');
      const logits = scores(vector, weights, bias, 1, topicCount, new Float64Array(topicCount));
      const noEvidence = vector.indices.length === 0;
      // With no evidence the honest confidence is "no idea": a uniform spread over the topics,
      // with the most frequent topic of training as the guess.
      const probabilities = noEvidence
        ? new Float64Array(topicCount).fill(1 / topicCount)
        : softmaxInPlace(Float64Array.from(logits), temperature);
      const ranked = Array.from(probabilities, (confidence, i) => ({ i, confidence })).sort(
        (a, b) => b.confidence - a.confidence || (noEvidence ? (bias[b.i] ?? 0) - (bias[a.i] ?? 0) : a.i - b.i),
      );
      const best = ranked[0] ?? { i: 0, confidence: 0 };
      const topicOf = (i: number): RoutingTopic => model.topics[i] ?? model.topics[0] ?? 'other';
      return {
        topic: topicOf(best.i),
        confidence: best.confidence,
        alternatives: ranked.slice(1, 1 + ALTERNATIVES).map((r) => ({ topic: topicOf(r.i), confidence: r.confidence })),
        terms: noEvidence ? [] : topTerms(model.terms, vector.indices, vector.values, weights, topicCount, best.i),
        noEvidence,
        logits,
      };
    },
  };
}

function topTerms(
  terms: readonly string[],
  indices: Int32Array,
  values: Float32Array,
  weights: Float32Array,
  topicCount: number,
  topic: number,
): string[] {
  // A running top-N: sorting every feature's contribution would cost more than the prediction.
  const best: { term: number; weight: number }[] = [];
  for (let j = 0; j < indices.length; j++) {
    const term = indices[j] ?? 0;
    const weight = (values[j] ?? 0) * (weights[term * topicCount + topic] ?? 0);
    if (weight <= 0 || (best.length === TERMS && weight <= (best[TERMS - 1]?.weight ?? 0))) continue;
    let at = best.length < TERMS ? best.length : TERMS - 1;
    while (at > 0 && (best[at - 1]?.weight ?? 0) < weight) {
      if (at < TERMS) best[at] = best[at - 1] ?? { term, weight };
      at--;
    }
    best[at] = { term, weight };
  }
  return best.map(({ term }) => displayTerm(terms[term] ?? ''));
}

function displayTerm(name: string): string {
  const body = name.slice(2);
  return name.startsWith('c:') ? `~${body.trim()}` : body;
}
