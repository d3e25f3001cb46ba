import { readFile } from 'node:fs/promises';
import { indexPublishedAnswers, type IndexedPublishedAnswer } from './published-answers.js';

/** Reads and validates the administrator's list of published answers (a JSON array). */
export async function readPublishedAnswersFile(path: string): Promise<IndexedPublishedAnswer[]> {
  const text = await readFile(path, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`published answers: ${path} is not JSON`, { cause: error });
  }
  return indexPublishedAnswers(json);
}
