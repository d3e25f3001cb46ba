import { describe, expect, it } from 'vitest';
import { createClassifier, MissingEmbeddingsError } from './create-classifier.js';
import { parseModel, serialiseModel } from './classifier-model.js';
import { buildNavecArchive } from './navec-fixture.js';
import { createAppealEmbedder } from './appeal-embedding.js';
import { tokeniseAppeal } from './tokenise-appeal.js';
import { type LabelledAppeal, train } from './train.js';
import { parseNavec } from './word-embeddings.js';

// Road words share one direction, housing words the opposite one.
const vectors = parseNavec(
  buildNavecArchive([
    { word: 'дорога', count: 50, centroids: [0, 0] },
    { word: 'яма', count: 20, centroids: [0, 0] },
    { word: 'асфальт', count: 20, centroids: [0, 0] },
    { word: 'магистраль', count: 5, centroids: [0, 0] },
    { word: 'батарея', count: 20, centroids: [2, 3] },
    { word: 'отопление', count: 20, centroids: [2, 3] },
    { word: 'кипяток', count: 5, centroids: [2, 3] },
  ]),
);

const examples: LabelledAppeal[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ text: `Дорога разбита, яма ${i}, асфальт`, topic: 'roads' as const })),
  ...Array.from({ length: 6 }, (_, i) => ({ text: `Холодная батарея, отопление не работает ${i}`, topic: 'housing' as const })),
];
const options = { embeddings: vectors, features: { minDocumentFrequency: 1 }, corpus: 'test', now: new Date('2026-01-02T00:00:00Z') };
const model = train(examples, options);

describe('appeal embedding', () => {
  it('averages the known ordinary words to unit length, leaving out names and stop words, and counts the unknown ones', () => {
    const embedder = createAppealEmbedder(vectors, { weight: 1, smoothing: 1e-4, l2: 1e-3 });
    const { vector, words, known } = embedder.embed(tokeniseAppeal('На дороге яма, а Асфальт лежит у Магистраль'));
    expect(words).toBe(3);
    expect(known).toBe(1);
    expect(Math.hypot(...vector)).toBeCloseTo(1);
  });
});

describe('a model trained with word vectors', () => {
  it('records the vectors by id and checksum and one weight per dimension and topic, and survives a round trip', () => {
    expect(model.format).toBe('priemnaya-classifier/3');
    expect(model.embedding).toMatchObject({ id: 'fixture_4d', sha256: vectors.sha256, dimensions: 4 });
    expect(model.embedding?.weights).toHaveLength(4 * model.topics.length);
    expect(parseModel(serialiseModel(model))).toEqual(model);
  });

  it('routes an appeal by words no training appeal used, through their vectors', () => {
    const classifier = createClassifier(model, { embeddings: vectors });
    expect(classifier.classify('Магистраль').topic).toBe('roads');
    expect(classifier.classify('Кипяток').topic).toBe('housing');
    expect(classifier.classify('Магистраль').noEvidence).toBe(false);
  });

  it('says which share of the words the vectors did not know', () => {
    const classifier = createClassifier(model, { embeddings: vectors });
    expect(classifier.classify('яма магистраль самолет вертолет').unknownWordShare).toBeCloseTo(0.5);
  });

  it('when the vectors are not given, refuses to build a classifier rather than route with half a model', () => {
    expect(() => createClassifier(model)).toThrow(MissingEmbeddingsError);
  });

  it('when other vectors are given than the model was trained with, refuses them, naming both', () => {
    const other = parseNavec(buildNavecArchive([{ word: 'дорога', count: 1, centroids: [1, 1] }], 'other_4d'));
    expect(() => createClassifier(model, { embeddings: other })).toThrow(/fixture_4d.*other_4d/);
  });

  it('reads a model of format 2, without vectors, as having no embedding block', () => {
    const { embedding: _embedding, ...older } = { ...train(examples, { ...options, embeddings: null }), format: 'priemnaya-classifier/2' };
    const parsed = parseModel(JSON.stringify(older));
    expect(parsed.embedding).toBeNull();
    expect(createClassifier(parsed).classify('яма на дороге').topic).toBe('roads');
  });
});
