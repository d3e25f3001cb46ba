import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

/**
 * Pretrained Russian word vectors (navec: GloVe trained on a large news corpus, product-quantised),
 * read from navec's own tar: `meta.json`, `vocab.bin` (gzip: a uint32 count, that many uint32
 * corpus frequencies, then the words joined by newlines) and `pq.bin` (uint32 vectors, dimensions,
 * sub-vectors, centroids; one uint8 centroid per sub-vector and word; float32 centroids
 * sub-vector-major). They know words no appeal of the training city ever used, which is what lets
 * a model carry over to another city's wording.
 */
export interface WordEmbeddings {
  /** navec's id of the vectors, e.g. `news_v1_1B_250K_300d_100q`. */
  readonly id: string;
  /** sha256 of the tar the vectors were read from; a model records it so a different file is refused. */
  readonly sha256: string;
  readonly dimensions: number;
  readonly words: number;
  /** The word's index, or -1. Words are lower case with `ё` folded to `е`, as the tokeniser gives them. */
  indexOf(word: string): number;
  /** Adds `scale` times the word's vector to `out` (length `dimensions`). */
  addTo(index: number, scale: number, out: Float64Array): void;
  /** The word's share of the vectors' training corpus, for frequency-based weighting. */
  probability(index: number): number;
}

interface TarEntry {
  readonly name: string;
  readonly data: Buffer;
}

/** The regular files of an uncompressed ustar archive. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  while (at + 512 <= archive.length) {
    const header = archive.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = cString(header.subarray(0, 100));
    const prefix = cString(header.subarray(345, 500));
    const size = Number.parseInt(cString(header.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0);
    if (!Number.isFinite(size) || at + 512 + size > archive.length) throw new Error(`tar: entry ${name} runs past the end of the archive`);
    if (type === '0' || type === '\0') entries.push({ name: prefix ? `${prefix}/${name}` : name, data: archive.subarray(at + 512, at + 512 + size) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

/** Parses navec's tar; throws naming the part that is missing or inconsistent. */
export function parseNavec(archive: Buffer): WordEmbeddings {
  const entries = new Map(readTar(archive).map((e) => [e.name.replace(/^\.\//, ''), e.data]));
  const part = (name: string): Buffer => {
    const data = entries.get(name);
    if (data === undefined) throw new Error(`navec: the archive has no ${name}`);
    return data;
  };
  const meta = JSON.parse(part('meta.json').toString('utf8')) as { id?: unknown };
  const id = typeof meta.id === 'string' ? meta.id : 'navec';

  const vocab = gunzipSync(part('vocab.bin'));
  const count = vocab.readUInt32LE(0);
  const countsEnd = 4 + 4 * count;
  const words = vocab.subarray(countsEnd).toString('utf8').split('\n');
  if (words.length !== count) throw new Error(`navec: vocab.bin names ${words.length} words, its header ${count}`);
  const frequency = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) total += frequency[i] = vocab.readUInt32LE(4 + 4 * i);

  const pq = part('pq.bin');
  const vectors = pq.readUInt32LE(0);
  const dimensions = pq.readUInt32LE(4);
  const subvectors = pq.readUInt32LE(8);
  const centroids = pq.readUInt32LE(12);
  const width = dimensions / subvectors;
  if (vectors !== count || !Number.isInteger(width)) throw new Error(`navec: pq.bin holds ${vectors} vectors of ${dimensions} in ${subvectors} parts for ${count} words`);
  const indexes = pq.subarray(16, 16 + vectors * subvectors);
  const codeBytes = pq.subarray(16 + vectors * subvectors);
  if (codeBytes.length !== subvectors * centroids * width * 4) throw new Error(`navec: pq.bin has ${codeBytes.length} bytes of centroids, expected ${subvectors * centroids * width * 4}`);
  const codes = new Float32Array(codeBytes.length / 4);
  for (let i = 0; i < codes.length; i++) codes[i] = codeBytes.readFloatLE(4 * i);

  // navec keeps `ё`; the tokeniser folds it, so a folded spelling points at the more frequent word.
  const index = new Map<string, number>();
  words.forEach((word, i) => {
    if (word.startsWith('<')) return;
    const folded = word.replace(/ё/g, 'е');
    const existing = index.get(folded);
    if (existing === undefined || frequency[i]! > frequency[existing]!) index.set(folded, i);
  });

  return {
    id,
    sha256: createHash('sha256').update(archive).digest('hex'),
    dimensions,
    words: index.size,
    indexOf: (word) => index.get(word) ?? -1,
    addTo(word, scale, out) {
      const row = word * subvectors;
      for (let s = 0; s < subvectors; s++) {
        const code = (s * centroids + indexes[row + s]!) * width;
        const base = s * width;
        for (let d = 0; d < width; d++) out[base + d] = out[base + d]! + scale * codes[code + d]!;
      }
    },
    probability: (word) => frequency[word]! / total,
  };
}

export async function readNavec(path: string): Promise<WordEmbeddings> {
  return parseNavec(await readFile(path));
}
