import { type RoutingTopic } from '@priemnaya/contracts';
import { type ClassifierModel } from './classifier-model.js';
import { createRussianStemmer } from './russian-stemmer.js';
import { marginConfidence, topTwo } from './calibration.js';
import { scores, softmaxInPlace } from './softmax-regression.js';
import { createWordScorer } from './score-words.js';
import { tokeniseAppeal } from './tokenise-appeal.js';
import { type SparseVector, createVectoriser, createWordLookup } from './vectoriser.js';
import { createAppealEmbedder } from './appeal-embedding.js';
import { type WordEmbeddings } from './word-embeddings.js';

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
  /**
   * Of the appeal's ordinary words, the share the word vectors do not know (null without vectors):
   * a text far from any the model learnt from, whose confidence deserves less trust.
   */
  readonly unknownWordShare: number | null;
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

export interface ClassifierResources {
  /** The word vectors the model was trained with; required when the model has an embedding block. */
  readonly embeddings?: WordEmbeddings | null;
}

/** The model needs word vectors that were not given or are not the ones it was trained with. */
export class MissingEmbeddingsError extends Error {
  override readonly name = 'MissingEmbeddingsError';
}

/**
 * A classifier over a loaded model; pure and synchronous, safe to call for every appeal. Throws
 * `MissingEmbeddingsError` when the model's word vectors are not given, so a caller keeps the
 * model it has rather than routing with half a model.
 */
export function createClassifier(model: ClassifierModel, resources: ClassifierResources = {}): Classifier {
  const topicCount = model.topics.length;
  const block = model.embedding;
  const embeddings = resources.embeddings ?? null;
  if (block !== null) {
    if (embeddings === null) throw new MissingEmbeddingsError(`model ${model.version} needs the word vectors ${block.id}, which were not loaded`);
    if (embeddings.sha256 !== block.sha256) {
      throw new MissingEmbeddingsError(`model ${model.version} was trained with ${block.id} (sha256 ${block.sha256.slice(0, 12)}), not with the loaded ${embeddings.id} (${embeddings.sha256.slice(0, 12)})`);
    }
  }
  if (block !== null && model.features.weighting !== 'word') throw new RangeError(`model ${model.version}: an embedding block needs word weighting`);
  const embedder = block !== null && embeddings !== null ? createAppealEmbedder(embeddings, block) : null;
  const embeddingWeights = block !== null ? Float32Array.from(block.weights) : new Float32Array(0);
  const share = block?.weight ?? 0;
  const weights = Float32Array.from(model.weights);
  const bias = Float64Array.from(model.bias);
  const stem = createRussianStemmer();
  // Format 2 models score word by word from cached sums; older ones through the sparse vector.
  const wordScorer =
    model.features.weighting === 'word'
      ? createWordScorer(createWordLookup(model.terms, model.idf, model.features, stem), weights, bias, topicCount, model.features.charWeight)
      : null;
  const vectoriser = wordScorer === null ? createVectoriser(model.terms, Float32Array.from(model.idf), model.features, stem) : null;
  const calibration = model.calibration;
  const temperature = calibration.temperature;
  const knots = calibration.method === 'margin-isotonic' ? calibration : null;
  const topicOf = (i: number): RoutingTopic => model.topics[i] ?? model.topics[0] ?? 'other';
  // With no evidence the guess is the topic training favoured most.
  const guess = topTwo(bias).best;

  return {
    version: model.version,
    topics: model.topics,
    classify(text) {
      const logits = new Float64Array(topicCount);
      let vector: SparseVector | null = null;
      let noEvidence: boolean;
      let unknownWordShare: number | null = null;
      if (wordScorer !== null) {
        const tokens = tokeniseAppeal(typeof text === 'string' ? text : '');
        noEvidence = !wordScorer.score(tokens, logits);
        if (embedder !== null) {
          const { vector, words, known } = embedder.embed(tokens);
          unknownWordShare = words === 0 ? 1 : 1 - known / words;
          if (known > 0) {
            noEvidence = false;
            for (let d = 0; d < vector.length; d++) {
              const value = share * vector[d]!;
              const base = d * topicCount;
              for (let c = 0; c < topicCount; c++) logits[c] = logits[c]! + value * embeddingWeights[base + c]!;
            }
          }
        }
      } else if (vectoriser !== null) {
        vector = vectoriser.vectorise(typeof text === 'string' ? text : '');
        scores(vector, weights, bias, 1, topicCount, logits);
        noEvidence = vector.indices.length === 0;
      } else {
        noEvidence = true;
      }
      // With no evidence the honest confidence is "no idea": a uniform spread over the topics.
      const probabilities = noEvidence
        ? new Float64Array(topicCount).fill(1 / topicCount)
        : softmaxInPlace(Float64Array.from(logits), temperature);
      const best = noEvidence ? guess : topTwo(logits).best;
      if (knots !== null && !noEvidence) calibrate(probabilities, best, marginConfidence(knots, topTwo(logits).margin));
      const alternatives = runnersUp(probabilities, best, noEvidence ? bias : logits);
      return {
        topic: topicOf(best),
        confidence: probabilities[best] ?? 0,
        alternatives: alternatives.map((i) => ({ topic: topicOf(i), confidence: probabilities[i] ?? 0 })),
        terms: noEvidence
          ? []
          : vector !== null
            ? topTerms(model.terms, vector.indices, vector.values, weights, topicCount, best)
            : (wordScorer?.topStems(best, TERMS) ?? []),
        noEvidence,
        unknownWordShare,
        logits,
      };
    },
  };
}

/** Gives the best topic its calibrated confidence and the other topics the rest, in their proportions. */
function calibrate(probabilities: Float64Array, best: number, confidence: number): void {
  const rest = 1 - (probabilities[best] ?? 0);
  const scale = rest > 0 ? (1 - confidence) / rest : 0;
  for (let c = 0; c < probabilities.length; c++) probabilities[c] = c === best ? confidence : (probabilities[c] ?? 0) * scale;
}

/** The next most likely topics after `best`, by probability, ties broken by `order` (higher first). */
function runnersUp(probabilities: Float64Array, best: number, order: ArrayLike<number>): number[] {
  const chosen: number[] = [];
  for (let k = 0; k < ALTERNATIVES && k < probabilities.length - 1; k++) {
    let pick = -1;
    for (let c = 0; c < probabilities.length; c++) {
      if (c === best || chosen.includes(c)) continue;
      if (pick < 0 || probabilities[c]! > probabilities[pick]! || (probabilities[c] === probabilities[pick] && order[c]! > order[pick]!)) pick = c;
    }
    chosen.push(pick);
  }
  return chosen;
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
