/**
 * Classifies appeals with the default model, no services needed: JSON lines `{"id","text"}` on
 * standard input, JSON lines `{"id","topic","confidence","alternatives","terms"}` on standard
 * output. A line that cannot be read gives `{"id","error"}` and the stream goes on. Only JSON lines
 * go to standard output; messages go to standard error.
 *
 *   ./scripts/dev classify < appeals.jsonl > topics.jsonl
 */
import { createInterface } from 'node:readline';
import { loadDefaultModel, openClassifier } from '@priemnaya/classifier';
import { classifyLine } from './classify-line.js';

const classifier = await openClassifier(await loadDefaultModel());
process.stderr.write(`[classify] model ${classifier.version}\n`);

const input = createInterface({ input: process.stdin, crlfDelay: Infinity });
let lineNumber = 0;
for await (const line of input) {
  lineNumber++;
  if (line.trim() === '') continue;
  const output = `${JSON.stringify(classifyLine(classifier, line, lineNumber))}\n`;
  if (!process.stdout.write(output)) await new Promise((done) => process.stdout.once('drain', done));
}
