import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ClassifierModel } from './classifier-model.js';
import { type Classifier, MissingEmbeddingsError, createClassifier } from './create-classifier.js';
import { type WordEmbeddings, readNavec } from './word-embeddings.js';

/**
 * Where the word vectors are: `PRIEMNAYA_WORD_VECTORS` (a container or a host keeps them where it
 * likes), else the project's cache, which `scripts/classifier/ensure-embeddings.sh` fills.
 */
export function wordVectorsPath(environment: NodeJS.ProcessEnv = process.env): string {
  return (
    environment.PRIEMNAYA_WORD_VECTORS ??
    join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '.cache', 'classifier', 'embeddings', 'navec_news_v1_1B_250K_300d_100q.tar')
  );
}

// One copy per file and process: every model of a router shares the 25 MB of vectors.
const loaded = new Map<string, Promise<WordEmbeddings>>();

/** The word vectors at `path`, read once per process. */
export function loadWordVectors(path: string = wordVectorsPath()): Promise<WordEmbeddings> {
  let pending = loaded.get(path);
  if (pending === undefined) {
    pending = readNavec(path);
    loaded.set(path, pending);
    pending.catch(() => loaded.delete(path));
  }
  return pending;
}

/**
 * The word vectors `model` was trained with, or null when it has no embedding block. Throws
 * `MissingEmbeddingsError` naming the file and how to get it when they are not there or differ.
 */
export async function wordVectorsFor(model: ClassifierModel, path: string = wordVectorsPath()): Promise<WordEmbeddings | null> {
  const block = model.embedding;
  if (block === null) return null;
  try {
    await access(path);
  } catch {
    throw new MissingEmbeddingsError(`model ${model.version} needs the word vectors ${block.id} at ${path}; run scripts/classifier/ensure-embeddings.sh or set PRIEMNAYA_WORD_VECTORS`);
  }
  const vectors = await loadWordVectors(path);
  if (vectors.sha256 !== block.sha256) {
    throw new MissingEmbeddingsError(`model ${model.version} was trained with ${block.id} (sha256 ${block.sha256.slice(0, 12)}), but ${path} holds ${vectors.id} (${vectors.sha256.slice(0, 12)})`);
  }
  return vectors;
}

/** A classifier over `model` with the word vectors it needs read from `path` (once per process). */
export async function openClassifier(model: ClassifierModel, path: string = wordVectorsPath()): Promise<Classifier> {
  return createClassifier(model, { embeddings: await wordVectorsFor(model, path) });
}
