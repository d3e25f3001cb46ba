import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTING_TOPICS } from '@priemnaya/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { ClassifierModel, parseModel, serialiseModel } from './classifier-model.js';
import { createClassifier } from './create-classifier.js';
import { loadDefaultModel, readModelFile, writeDefaultPointer, writeModelFile } from './model-file.js';
import { openClassifier } from './word-embeddings-file.js';
import { createRussianStemmer } from './russian-stemmer.js';
import { SEED_EXAMPLES } from './seed-examples.js';
import { scores } from './softmax-regression.js';
import { type LabelledAppeal, train } from './train.js';
import { createVectoriser } from './vectoriser.js';

const examples: LabelledAppeal[] = [
  ...SEED_EXAMPLES,
  { text: 'Глубокие ямы на дороге, асфальт разбит', topic: 'roads' },
  { text: 'Ямы на проезжей части, дорога разрушена', topic: 'roads' },
  { text: 'Автобус не пришел на остановку, маршрут отменили', topic: 'transport' },
  { text: 'Нет горячей воды в доме, управляющая компания молчит', topic: 'housing' },
];
const model = train(examples, {
  features: { minDocumentFrequency: 1 },
  corpus: 'test',
  now: new Date('2026-01-02T03:04:05Z'),
});
const classifier = createClassifier(model);

const robustInputs = {
  empty: '',
  'only spaces': '   \n\t ',
  'emoji only': '😀🔥👍🏽🚌',
  english: 'The bus never arrives on time and the road has potholes',
  'HTML only': '<p><br/></p><div>&nbsp;</div>',
  'one megabyte': 'яма на дороге '.repeat(80_000),
};

describe('train', () => {
  it('gives a valid artefact with all routing topics, a version id and a calibration', () => {
    expect(() => ClassifierModel.parse(model)).not.toThrow();
    expect(model.topics).toEqual(ROUTING_TOPICS.map((t) => t.code));
    expect(model.version).toMatch(/^test-2026-01-02-[0-9a-f]{8}$/);
    expect(model.calibration.temperature).toBeGreaterThan(0);
  });

  it('when trained twice on the same examples, gives the same model', () => {
    const again = train(examples, { features: { minDocumentFrequency: 1 }, corpus: 'test', now: new Date('2026-01-02T03:04:05Z') });
    expect(again.version).toBe(model.version);
  });

  it('when asked to average several runs, keeps one set of weights that still predicts the topic, and records the runs', () => {
    const averaged = train(examples, { features: { minDocumentFrequency: 1 }, averagedRuns: 3, corpus: 'test' });
    expect(averaged.weights).toHaveLength(model.weights.length);
    expect(averaged.training.options).toMatchObject({ averagedRuns: 3 });
    expect(createClassifier(averaged).classify('Ямы на дороге, разбит асфальт').topic).toBe('roads');
  });

  it('blends complement naive Bayes into the weights by default, records its share, and leaves the regression alone at share 0', () => {
    expect(model.training.options).toMatchObject({ complementShare: 0.3, complementSmoothing: 0.1 });
    const regressionOnly = train(examples, { features: { minDocumentFrequency: 1 }, complementShare: 0, corpus: 'test' });
    expect(regressionOnly.training.options).toMatchObject({ complementShare: 0 });
    expect(regressionOnly.terms).toEqual(model.terms);
    expect(regressionOnly.weights).not.toEqual(model.weights);
    expect(createClassifier(regressionOnly).classify('Ямы на дороге, разбит асфальт').topic).toBe('roads');
  });

  it('refuses an unknown topic', () => {
    expect(() => train([{ text: 'x', topic: 'weather' as LabelledAppeal['topic'] }])).toThrow(/weather/);
  });
});

describe('createClassifier', () => {
  it('when a text speaks of a topic, predicts it with the terms that weighed most', () => {
    const result = classifier.classify('На дороге большие ямы, нужен ремонт асфальта');
    expect(result.topic).toBe('roads');
    expect(result.terms.length).toBeGreaterThan(0);
    expect(result.alternatives).toHaveLength(2);
    expect(result.alternatives.every((a) => a.confidence <= result.confidence)).toBe(true);
  });

  it('predicts in spite of word forms and ё', () => {
    expect(classifier.classify('Зарплату не выплачивают, работодатель задерживает её').topic).toBe('labour');
  });

  it('gives confidences that are probabilities', () => {
    const result = classifier.classify('Автобус не ходит по расписанию');
    const total = result.confidence + result.alternatives.reduce((s, a) => s + a.confidence, 0);
    expect(result.confidence).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(1 + 1e-9);
  });

  for (const [name, text] of Object.entries(robustInputs)) {
    it(`when the text is ${name}, answers a topic without failing`, () => {
      const result = classifier.classify(text);
      expect(model.topics).toContain(result.topic);
      expect(Number.isFinite(result.confidence)).toBe(true);
    });
  }

  it('when the text holds nothing the model knows, says so with a low confidence', () => {
    for (const text of [robustInputs.empty, robustInputs['emoji only'], robustInputs['HTML only']]) {
      const result = classifier.classify(text);
      expect(result.noEvidence).toBe(true);
      expect(result.confidence).toBeLessThan(0.1);
    }
  });
});

describe('model artefact', () => {
  const directory = mkdtemp(join(tmpdir(), 'classifier-'));
  afterAll(async () => rm(await directory, { recursive: true, force: true }));

  it('when serialised and parsed, predicts exactly the same', () => {
    const loaded = createClassifier(parseModel(serialiseModel(model)));
    for (const text of ['Яма на дороге', 'Нет воды', 'Очередь в детский сад', ...Object.values(robustInputs)]) {
      const a = classifier.classify(text);
      const b = loaded.classify(text);
      expect({ topic: b.topic, confidence: b.confidence, terms: b.terms }).toEqual({ topic: a.topic, confidence: a.confidence, terms: a.terms });
    }
  });

  it('when written gzipped and read back behind the default pointer, is the same model', async () => {
    const dir = await directory;
    await writeModelFile(join(dir, `${model.version}.json.gz`), model);
    await writeDefaultPointer(dir, { version: model.version, file: `${model.version}.json.gz` });
    expect(await loadDefaultModel(dir)).toEqual(model);
    expect(await readModelFile(join(dir, `${model.version}.json.gz`))).toEqual(model);
  });

  it('when the pointer names another version, refuses to load', async () => {
    const dir = await directory;
    await writeDefaultPointer(dir, { version: 'other-2026-01-01-00000000', file: `${model.version}.json.gz` });
    await expect(loadDefaultModel(dir)).rejects.toThrow(/other-2026-01-01-00000000/);
  });

  it('when a field is broken, names it', () => {
    expect(() => parseModel(JSON.stringify({ ...model, bias: [1] }))).toThrow(/bias/);
  });

  it('the shipped default model loads with its word vectors and classifies', async () => {
    const shipped = await openClassifier(await loadDefaultModel());
    expect(shipped.classify('Не вывозят мусор, контейнеры переполнены').topic).toBe('housing');
  });
});

describe('model formats', () => {
  const texts = ['На дороге большие ямы, нужен ремонт асфальта', 'Нет горячей воды, батареи холодные', 'Автобус не пришел'];

  it('when weighting by word, scores as the sparse vector times the weights does', () => {
    expect(model.features.weighting).toBe('word');
    const vectoriser = createVectoriser(model.terms, model.idf, model.features, createRussianStemmer());
    for (const text of texts) {
      const expected = scores(vectoriser.vectorise(text), model.weights, model.bias, 1, model.topics.length, new Float64Array(model.topics.length));
      const actual = classifier.classify(text).logits;
      actual.forEach((value, c) => expect(value).toBeCloseTo(expected[c] ?? 0, 4));
    }
  });

  it('when the artefact is of format 1 (feature weighting, temperature), still loads and classifies', () => {
    const featureWeighted = train(examples, {
      features: { minDocumentFrequency: 1, weighting: 'feature' },
      corpus: 'test',
      now: new Date('2026-01-02T03:04:05Z'),
    });
    const { weighting: _, ...features } = featureWeighted.features;
    const formatOne = {
      ...featureWeighted,
      format: 'priemnaya-classifier/1',
      features,
      calibration: { method: 'temperature', temperature: featureWeighted.calibration.temperature, folds: 4 },
    };
    const loaded = createClassifier(parseModel(JSON.stringify(formatOne)));
    const result = loaded.classify(texts[0] ?? '');
    expect(result.topic).toBe('roads');
    expect(result.terms.length).toBeGreaterThan(0);
    expect(result.confidence).toBeGreaterThan(result.alternatives[0]?.confidence ?? 1);
  });
});
