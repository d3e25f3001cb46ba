import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { type ClassifierModel, parseModel, serialiseModel } from './classifier-model.js';

/** The models shipped with the package: versioned artefacts and the `default.json` pointer. */
export const MODELS_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), '..', 'models');

/** Which artefact is the default; a promotion rewrites this small file, never an artefact. */
export const DefaultModelPointer = z.object({ version: z.string(), file: z.string().regex(/^[\w.-]+$/) });
export type DefaultModelPointer = z.infer<typeof DefaultModelPointer>;

/** Reads a model artefact, gzip-compressed (`.gz`) or plain JSON, and checks it. */
export async function readModelFile(path: string): Promise<ClassifierModel> {
  const bytes = await readFile(path);
  const json = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return parseModel(json);
}

export async function writeModelFile(path: string, model: ClassifierModel): Promise<void> {
  const json = serialiseModel(model);
  await writeFile(path, path.endsWith('.gz') ? gzipSync(json, { level: 9 }) : json);
}

/** The model `default.json` in `directory` points at; its version must match the pointer. */
export async function loadDefaultModel(directory: string = MODELS_DIRECTORY): Promise<ClassifierModel> {
  const pointer = DefaultModelPointer.parse(JSON.parse(await readFile(join(directory, 'default.json'), 'utf8')));
  const model = await readModelFile(join(directory, pointer.file));
  if (model.version !== pointer.version) {
    throw new Error(`default.json names version ${pointer.version} but ${pointer.file} holds ${model.version}`);
  }
  return model;
}

export async function writeDefaultPointer(directory: string, pointer: DefaultModelPointer): Promise<void> {
  await writeFile(join(directory, 'default.json'), `${JSON.stringify(pointer, null, 2)}\n`);
}
