import { type Classifier } from '@priemnaya/classifier';
import { z } from 'zod';

const AppealLine = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
});

export type ClassifyLineResult =
  | { id: string | number | null; error: string }
  | {
      id: string | number;
      topic: string;
      confidence: number;
      alternatives: { topic: string; confidence: number }[];
      terms: string[];
    };

const round = (value: number): number => Math.round(value * 1e4) / 1e4;

/** One input line's answer: the classification, or an error naming what is wrong with the line. */
export function classifyLine(classifier: Classifier, line: string, lineNumber: number): ClassifyLineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { id: null, error: `line ${lineNumber}: not valid JSON` };
  }
  const parsed = AppealLine.safeParse(value);
  if (!parsed.success) {
    const rawId = (value as { id?: unknown } | null)?.id;
    const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : null;
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'line';
    return { id, error: `line ${lineNumber}: ${field}: ${issue?.message ?? 'invalid'}` };
  }
  const result = classifier.classify(parsed.data.text);
  return {
    id: parsed.data.id,
    topic: result.topic,
    confidence: round(result.confidence),
    alternatives: result.alternatives.map((a) => ({ topic: a.topic, confidence: round(a.confidence) })),
    terms: result.terms,
  };
}
