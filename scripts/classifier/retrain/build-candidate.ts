import {
  SEED_EXAMPLES,
  accuracy,
  coverageAtPrecision,
  createClassifier,
  crossValidate,
  loadWordVectors,
  openClassifier,
  summariseCrossValidation,
  train,
  type Classifier,
  type ClassifierModel,
  type LabelledAppeal,
  type ModelEvaluation,
  type WordEmbeddings,
} from '@priemnaya/classifier';
import { CITY_EXAMPLE_WEIGHT, evaluatePlaceSplit } from '../evaluation-protocol.js';
import { readCorpus } from '../read-corpus.js';
import { splitHeldOut, type TaughtLabel } from './held-out-labels.js';
import { type HeldOutComparison, type HeldOutFigures } from './retrain-schedule.js';

export interface CandidateRequest {
  readonly corpusPath: string;
  readonly folds: number;
  readonly seed: number;
  /** Every label people gave, as the example repository returns them. */
  readonly taught: readonly TaughtLabel[];
  /** The model that routes now (a stored version, or the package default). */
  readonly current: ClassifierModel;
  /** Set to compare the candidate with the current model on held-out labels; `after` as `unseenAfter` gives it. */
  readonly compare: { readonly after: Date | null } | null;
}

export interface Candidate {
  readonly model: ClassifierModel;
  /** The figures of the current model beside the candidate's, one line each, as the retrain prints them. */
  readonly table: string[];
  readonly comparison: (HeldOutComparison & { readonly unseenAppeals: number }) | null;
}

const percent = (value: number): string => `${(100 * value).toFixed(1)}%`;

/**
 * Builds a candidate on the corpus plus what people taught the router: cross-validated on the
 * corpus beside the current model's figures, then trained on everything. No I/O beyond reading
 * the corpus and the word vectors: storing it is the caller's.
 */
export async function buildCandidate(request: CandidateRequest, say: (message: string) => void): Promise<Candidate> {
  const { folds, seed, taught, current } = request;
  const corpus = await readCorpus(request.corpusPath);
  const people: LabelledAppeal[] = taught.map(({ text, topic }) => ({ text, topic }));
  say(`${corpus.length} corpus appeals, ${people.length} labelled by people (${countBy(taught.map((e) => e.source))}), ${SEED_EXAMPLES.length} seed examples`);

  // Evaluated on the corpus folds alone, as the current model was: people's examples join every
  // training fold, so the two sets of figures compare the recipes on the same held-out appeals.
  const embeddings = await loadWordVectors();
  const cv = crossValidate(corpus, {
    folds,
    seed,
    train: { embeddings },
    extraTraining: [...SEED_EXAMPLES, ...people],
    onFold: (fold) => say(`cross-validation fold ${fold + 1}/${folds}`),
  });
  say('place split');
  const shifted = evaluatePlaceSplit(corpus, { embeddings });
  const evaluation = { ...summariseCrossValidation(cv, folds, seed), ...(shifted ? { shifted: shifted.figures } : {}) };
  say('training on everything');
  // What people taught the router is the city's own wording: it counts as a city's appeal does.
  const model = train([...corpus, ...SEED_EXAMPLES, ...weighted(people)], { embeddings, corpus: 'kursk-taught', evaluation, onProgress: say });

  const currentClassifier = await openClassifier(current);
  const comparison = request.compare ? compareOnHeldOut(corpus, taught, currentClassifier, { after: request.compare.after, seed, embeddings }, say) : null;
  const onPeople = (classify: (text: string) => string) => (people.length === 0 ? Number.NaN : people.filter((e) => classify(e.text) === e.topic).length / people.length);
  const rows: [string, (e: ModelEvaluation | null) => string][] = [
    // Figures from different fold counts or seeds are not quite comparable: shown, so it is seen.
    ['folds, seed, corpus appeals', (e) => (e ? `${e.folds}, ${e.seed}, ${e.examples}` : 'n/a')],
    ['accuracy (corpus, out-of-fold)', (e) => (e ? percent(e.accuracy) : 'n/a')],
    ['macro-F1 (corpus, out-of-fold)', (e) => (e ? e.macroF1.toFixed(3) : 'n/a')],
    ['coverage at 95% precision', (e) => (e ? percent(e.coverageAt95Precision) : 'n/a')],
    ['threshold at 95% precision', (e) => e?.thresholdAt95Precision?.toFixed(3) ?? 'none'],
  ];
  const table = [
    `${''.padEnd(32)} ${'current'.padStart(12)} ${'candidate'.padStart(12)}`,
    `${'version'.padEnd(32)} ${current.version} ${model.version}`,
    ...rows.map(([name, show]) => `${name.padEnd(32)} ${show(current.evaluation).padStart(12)} ${show(evaluation).padStart(12)}`),
    `${"people's labels (in training)".padEnd(32)} ${percent(onPeople((t) => currentClassifier.classify(t).topic)).padStart(12)} ${'(trained)'.padStart(12)}`,
  ];
  if (comparison) {
    const line = (name: string, show: (f: HeldOutFigures) => number) => `${name.padEnd(32)} ${percent(show(comparison.current)).padStart(12)} ${percent(show(comparison.candidate)).padStart(12)}`;
    table.push(
      `people's labels held out (${comparison.examples} of ${comparison.unseenAppeals} appeals the current model has not seen)`,
      line('  accuracy', (f) => f.accuracy),
      line('  coverage at 95% precision', (f) => f.coverageAt95Precision),
    );
  }
  return { model, table, comparison };
}

/**
 * The candidate's recipe and the current model on a stratified quarter of the labels the current
 * model has not seen: the candidate's side is a model trained as the candidate was but without
 * those appeals (the candidate itself learnt from them), so neither side is tested on its own
 * training. The candidate has every label the comparison model has and more.
 */
function compareOnHeldOut(
  corpus: readonly LabelledAppeal[],
  taught: readonly TaughtLabel[],
  current: Classifier,
  options: { after: Date | null; seed: number; embeddings: WordEmbeddings },
  say: (message: string) => void,
): Candidate['comparison'] {
  const split = splitHeldOut(taught, options);
  say(`held-out comparison: ${split.heldOut.length} of ${split.unseenAppeals} appeals the current model has not seen, held out of training`);
  if (split.heldOut.length === 0) return { examples: 0, unseenAppeals: split.unseenAppeals, candidate: noFigures, current: noFigures };
  const training = split.training.map(({ text, topic }) => ({ text, topic }));
  const withoutHeldOut = train([...corpus, ...SEED_EXAMPLES, ...weighted(training)], { embeddings: options.embeddings, corpus: 'kursk-taught-held-out', onProgress: say });
  const candidate = createClassifier(withoutHeldOut, { embeddings: options.embeddings });
  return { examples: split.heldOut.length, unseenAppeals: split.unseenAppeals, candidate: figuresOn(split.heldOut, candidate), current: figuresOn(split.heldOut, current) };
}

const noFigures: HeldOutFigures = { accuracy: 0, coverageAt95Precision: 0 };

function figuresOn(labels: readonly TaughtLabel[], classifier: Classifier): HeldOutFigures {
  // Topics as indices of one list, so that a model with other topics simply misses.
  const topics = [...new Set([...classifier.topics, ...labels.map((label) => label.topic)])];
  const predictions = labels.map((label) => {
    const { topic, confidence } = classifier.classify(label.text);
    return { actual: topics.indexOf(label.topic), predicted: topics.indexOf(topic), confidence };
  });
  return { accuracy: accuracy(predictions), coverageAt95Precision: coverageAtPrecision(predictions, 0.95).coverage };
}

function weighted(examples: readonly LabelledAppeal[]): LabelledAppeal[] {
  return examples.map((e) => ({ ...e, weight: CITY_EXAMPLE_WEIGHT }));
}

function countBy(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${value} ${count}`).join(', ') || 'none yet';
}
