import { gzipSync } from 'node:zlib';

/**
 * A tiny archive in navec's format, for tests: each word's vector is given as one centroid index
 * per sub-vector (two sub-vectors of two dimensions, four centroids each).
 */
export const FIXTURE_CENTROIDS: readonly (readonly [number, number])[][] = [
  [[1, 0], [0, 1], [-1, 0], [0, -1]],
  [[1, 1], [-1, 1], [1, -1], [-1, -1]],
];

export function buildNavecArchive(words: readonly { word: string; count: number; centroids: readonly [number, number] }[], id = 'fixture_4d'): Buffer {
  const all = [...words, { word: '<unk>', count: 0, centroids: [0, 0] as const }];
  const head = Buffer.alloc(4 + 4 * all.length);
  head.writeUInt32LE(all.length, 0);
  all.forEach((w, i) => head.writeUInt32LE(w.count, 4 + 4 * i));
  const vocab = gzipSync(Buffer.concat([head, Buffer.from(all.map((w) => w.word).join('\n'), 'utf8')]));
  const meta = Buffer.alloc(16);
  [all.length, 4, 2, 4].forEach((v, i) => meta.writeUInt32LE(v, 4 * i));
  const indexes = Buffer.from(all.flatMap((w) => [...w.centroids]));
  const codes = Buffer.alloc(2 * 4 * 2 * 4);
  FIXTURE_CENTROIDS.flat(1).flat().forEach((v, i) => codes.writeFloatLE(v, 4 * i));
  return tar([
    ['meta.json', Buffer.from(JSON.stringify({ id, protocol: 1 }))],
    ['vocab.bin', vocab],
    ['pq.bin', Buffer.concat([meta, indexes, codes])],
  ]);
}

function tar(entries: [string, Buffer][]): Buffer {
  const blocks: Buffer[] = [];
  for (const [name, data] of entries) {
    const header = Buffer.alloc(512);
    header.write(name, 0, 'utf8');
    header.write('0000644\0', 100);
    header.write('0000000\0', 108);
    header.write('0000000\0', 116);
    header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    header.write('00000000000\0', 136);
    header.write('        ', 148);
    header.write('0', 156);
    header.write('ustar\0', 257);
    header.write('00', 263);
    let sum = 0;
    for (const byte of header) sum += byte;
    header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(header, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
