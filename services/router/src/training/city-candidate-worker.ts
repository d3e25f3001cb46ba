/**
 * The worker thread of a city import (see city-candidate-run.ts): reads the export, the corpus and
 * the word vectors, says how that went, and on the go-ahead trains the candidate and compares it
 * with the current model. It touches no database; the router records what it reports.
 */
import { once } from 'node:events';
import { access, readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { formatCityHistoryErrors, readCityHistory } from '@priemnaya/appeal-history';
import { MIN_CITY_EXAMPLES, type LabelledAppeal, loadWordVectors, parseModel, serialiseModel, trainCityCandidate, wordVectorsPath } from '@priemnaya/classifier';
import { type CityCandidateJob, type CityCandidateMessage, TRAIN } from './city-candidate-run.js';

if (parentPort === null) throw new Error('city-candidate-worker runs as a worker thread');
const port = parentPort;
const job = workerData as CityCandidateJob;
const post = (message: CityCandidateMessage): void => port.postMessage(message);

class Unavailable extends Error {}

/** The corpus as labelled appeals: its units are routing topics, which the history reader takes as they are. */
async function readCorpus(path: string): Promise<LabelledAppeal[]> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new Unavailable(`CLASSIFIER_CORPUS: ${path} cannot be read (${error.code ?? error.message})`);
  });
  // Named as JSON lines whatever the file is called: that is the corpus format.
  const corpus = await readCityHistory(bytes, 'corpus.jsonl', { unitTopics: new Map() });
  if (corpus.errors.length > 0) {
    throw new Unavailable(`CLASSIFIER_CORPUS: ${path} is not a labelled corpus:\n${formatCityHistoryErrors(corpus.errors, { limit: 3 })}`);
  }
  return corpus.examples.map(({ text, topic }) => ({ text, topic }));
}

async function readWordVectors() {
  const path = wordVectorsPath();
  await access(path).catch(() => {
    throw new Unavailable(`PRIEMNAYA_WORD_VECTORS: no word vectors at ${path}; run scripts/classifier/ensure-embeddings.sh or set the variable`);
  });
  return loadWordVectors(path);
}

async function run(): Promise<void> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  const history = await readCityHistory(bytes, job.fileName, { unitTopics: job.unitTopics });
  if (history.errors.length > 0) return post({ kind: 'refused', problems: history.errors });
  if (history.examples.length < MIN_CITY_EXAMPLES) return post({ kind: 'too-few', appeals: history.examples.length, needed: MIN_CITY_EXAMPLES });
  let corpus: LabelledAppeal[];
  let embeddings: Awaited<ReturnType<typeof readWordVectors>>;
  try {
    [corpus, embeddings] = await Promise.all([readCorpus(job.corpusPath), readWordVectors()]);
  } catch (error) {
    if (error instanceof Unavailable) return post({ kind: 'unavailable', reason: error.message });
    throw error;
  }
  const perTopic: Record<string, number> = {};
  for (const example of history.examples) perTopic[example.topic] = (perTopic[example.topic] ?? 0) + 1;
  post({ kind: 'read', format: history.format ?? 'csv', encoding: history.encoding, appeals: history.examples.length, perTopic });

  const [go] = (await once(port, 'message')) as [unknown];
  if (go !== TRAIN) return;
  const city = history.examples.map(({ text, topic }) => ({ text, topic }));
  const { model, ...comparison } = trainCityCandidate({
    corpus,
    city,
    current: parseModel(job.current),
    embeddings,
    name: job.name,
    // The stages of the import, not each training run's own messages.
    onProgress: (stage) => {
      if (!stage.startsWith(' ')) post({ kind: 'stage', stage });
    },
  });
  post({ kind: 'trained', candidate: { ...comparison, model: serialiseModel(model) } });
}

await run().catch((error: unknown) => post({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) }));
