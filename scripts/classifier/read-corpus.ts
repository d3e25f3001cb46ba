import { readFile } from 'node:fs/promises';
import { type LabelledAppeal } from '@priemnaya/classifier';
import { RoutingTopic } from '@priemnaya/contracts';
import { z } from 'zod';

export const KURSK_CORPUS = '/work/shared/data/appeals-kursk/appeals.jsonl';

/** Where the corpus lives: the first argument, else CLASSIFIER_CORPUS, else the shared Kursk data. */
export function corpusPath(argument: string | undefined): string {
  return argument ?? process.env.CLASSIFIER_CORPUS ?? KURSK_CORPUS;
}

const CorpusLine = z.object({ text: z.string(), unit: RoutingTopic, executor: z.string().optional() });

/** A corpus appeal, with the organisation that answered it when the corpus says (the place split needs it). */
export interface CorpusAppeal extends LabelledAppeal {
  readonly executor?: string | undefined;
}

/** The labelled appeals of a JSON-lines corpus (`text`, `unit` = routing topic, optional `executor`). */
export async function readCorpus(path: string): Promise<CorpusAppeal[]> {
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines.map((line, i) => {
    const parsed = CorpusLine.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path}:${i + 1}: not a labelled appeal (${parsed.error.issues[0]?.path.join('.')})`);
    return { text: parsed.data.text, topic: parsed.data.unit, executor: parsed.data.executor };
  });
}
