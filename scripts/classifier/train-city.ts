import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type CityHistory, type UnitTopics, formatCityHistoryErrors, readCityHistory } from '@priemnaya/appeal-history';
import {
  MIN_CITY_EXAMPLES,
  MODELS_DIRECTORY,
  type LabelledAppeal,
  loadDefaultModel,
  loadWordVectors,
  trainCityCandidate as trainCandidate,
  writeModelFile,
} from '@priemnaya/classifier';
import { type RoutingTopic } from '@priemnaya/contracts';
import { SAMPLE_UNITS } from '@priemnaya/reference-data';
import { type CorpusAppeal } from './read-corpus.js';

export interface CityTrainingResult {
  readonly version: string;
  readonly file: string;
}

/** The sample city's units (names and codes) to their topics; a city's own table replaces it. */
export function sampleUnitTopics(): Map<string, RoutingTopic> {
  const map = new Map<string, RoutingTopic>();
  for (const unit of SAMPLE_UNITS) {
    // A unit that answers several topics cannot label an appeal with one of them.
    if (unit.topics.length !== 1) continue;
    map.set(unit.name, unit.topics[0]!);
    map.set(unit.code, unit.topics[0]!);
  }
  return map;
}

/** Reads a city's export; throws with every bad line named when anything in it is wrong. */
export async function readCityFile(path: string, unitTopics: UnitTopics): Promise<CityHistory> {
  const history = await readCityHistory(await readFile(path), basename(path), { unitTopics });
  if (history.errors.length > 0) {
    throw new CityImportError(`${history.errors.length} problem(s) in ${path}; nothing was trained:\n${formatCityHistoryErrors(history.errors, { fileName: basename(path) })}`);
  }
  if (history.examples.length < MIN_CITY_EXAMPLES) {
    throw new CityImportError(`${path} holds ${history.examples.length} labelled appeals; at least ${MIN_CITY_EXAMPLES} are needed to train and compare a candidate`);
  }
  return history;
}

export class CityImportError extends Error {
  override readonly name = 'CityImportError';
}

/**
 * A candidate for a city (see trainCityCandidate of @priemnaya/classifier), compared with the
 * current default model and written beside the other artefacts. It is not made the default here.
 */
export async function trainCityCandidate(
  corpus: readonly CorpusAppeal[],
  city: readonly LabelledAppeal[],
  options: { name: string; say: (message: string) => void; print: (line: string) => void },
): Promise<CityTrainingResult> {
  const { say, print } = options;
  const embeddings = await loadWordVectors();
  const current = await loadDefaultModel();
  const trained = trainCandidate({ corpus, city, current, embeddings, name: options.name, onProgress: say });
  const { model, current: before, candidate: after } = trained;
  const file = `${model.version}.json.gz`;
  await writeModelFile(join(MODELS_DIRECTORY, file), model);

  const percent = (v: number): string => `${(100 * v).toFixed(1)}%`;
  const line = (name: string, a: string, b: string): string => `${name.padEnd(34)} ${a.padStart(28)} ${b.padStart(28)}`;
  print(`on ${trained.heldOutExamples} held-out appeals of the city:`);
  print(line('', 'current', 'candidate'));
  print(line('version', before.version, after.version));
  print(line('accuracy', percent(before.accuracy), percent(after.accuracy)));
  print(line('macro-F1', before.macroF1.toFixed(3), after.macroF1.toFixed(3)));
  print(line('coverage at 95% precision', percent(before.coverageAt95Precision), percent(after.coverageAt95Precision)));
  print(line('confidence threshold at 95%', before.thresholdAt95Precision?.toFixed(3) ?? 'none', after.thresholdAt95Precision?.toFixed(3) ?? 'none'));
  print('');
  print(`candidate written to ${join(MODELS_DIRECTORY, file)}; it is not the default yet.`);
  return { version: model.version, file };
}
