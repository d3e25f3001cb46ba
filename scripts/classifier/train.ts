/**
 * Trains the classifier.
 *
 *   ./scripts/dev train                         the default model, from the shared Kursk corpus
 *   ./scripts/dev train corpus.jsonl            the default model, from JSON lines {"text","unit"} whose unit is a routing topic
 *   ./scripts/dev train export.xlsx|.csv|.jsonl [--name city] [--promote]
 *                                               a city's past appeals (text and the unit that answered, in the
 *                                               city's unit names): a candidate trained on the corpus and the
 *                                               city, compared with the current model on the city's held-out
 *                                               appeals; the default only with --promote
 *   ./scripts/dev train promote <version>       make a written candidate the default
 *
 * Unit names are mapped to topics through the sample city's units (@priemnaya/reference-data);
 * --units FILE takes a city's own: a JSON object of unit name or code to routing topic.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MODELS_DIRECTORY, openClassifier, readModelFile, writeDefaultPointer } from '@priemnaya/classifier';
import { RoutingTopic } from '@priemnaya/contracts';
import { z } from 'zod';
import { trainDefaultModel } from './train-default.js';
import { CityImportError, readCityFile, sampleUnitTopics, trainCityCandidate } from './train-city.js';
import { KURSK_CORPUS, corpusPath, readCorpus } from './read-corpus.js';

const say = (message: string): void => void process.stderr.write(`[train] ${message}\n`);
const print = (line: string): void => void process.stdout.write(`${line}\n`);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string', default: 'city' }, promote: { type: 'boolean', default: false }, units: { type: 'string' } },
});

try {
  if (positionals[0] === 'promote') {
    await promote(positionals[1]);
  } else if (positionals[0] === undefined || (await isTopicCorpus(positionals[0]))) {
    const path = corpusPath(positionals[0]);
    say(`reading ${path}`);
    await trainDefaultModel(await readCorpus(path), say);
  } else {
    const unitTopics = values.units ? await readUnitTopics(values.units) : sampleUnitTopics();
    say(`reading ${positionals[0]} (${unitTopics.size} unit names and codes known)`);
    const history = await readCityFile(positionals[0], unitTopics);
    say(`${history.examples.length} labelled appeals (${history.format}${history.encoding ? `, ${history.encoding}` : ''})`);
    const { version } = await trainCityCandidate(await readCorpus(corpusPath(undefined)), history.examples, { name: values.name, say, print });
    if (values.promote) await promote(version);
    else print(`to route with it: ./scripts/dev train promote ${version}`);
  }
} catch (error) {
  if (!(error instanceof CityImportError)) throw error;
  say(error.message);
  process.exitCode = 1;
}

/** A JSON-lines file whose every unit is a routing topic: the training corpus, as before. */
async function isTopicCorpus(path: string): Promise<boolean> {
  if (!path.endsWith('.jsonl') || path === KURSK_CORPUS) return path === KURSK_CORPUS;
  return readCorpus(path).then(
    () => true,
    () => false,
  );
}

async function readUnitTopics(path: string): Promise<Map<string, RoutingTopic>> {
  const parsed = z.record(z.string(), RoutingTopic).safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new CityImportError(`${path}: ${parsed.error.issues[0]?.path.join('.') ?? 'file'}: not a routing topic`);
  return new Map(Object.entries(parsed.data));
}

/** Points default.json at a written artefact, once it loads with its word vectors. */
async function promote(version: string | undefined): Promise<void> {
  if (!version || !/^[a-z0-9-]+$/.test(version)) throw new CityImportError('promote: name the version to make the default');
  const file = `${version}.json.gz`;
  const model = await readModelFile(join(MODELS_DIRECTORY, file)).catch(() => {
    throw new CityImportError(`promote: no artefact ${file} in ${MODELS_DIRECTORY}`);
  });
  await openClassifier(model);
  await writeDefaultPointer(MODELS_DIRECTORY, { version, file });
  say(`${version} is the default model; ./scripts/dev classify and routers without a promoted version use it`);
}
