import type { RoutingReason } from '@priemnaya/contracts';

export type TextProblem = Extract<RoutingReason, { kind: 'unroutable-text' }>['problem'];

/** Below this share of Cyrillic among the letters, the text is taken to be in another language. */
const MIN_CYRILLIC_SHARE = 0.5;

/**
 * Why a text cannot be routed by its words, or undefined when it can. Runs before the classifier,
 * so a text that would only give a guess (emoji, bare markup, a foreign language) reaches a person
 * with the reason instead of a low-confidence topic. The length is checked first: nothing else
 * here is run over a huge text.
 */
export function screenText(text: string, maxLength: number): TextProblem | undefined {
  if (text.length > maxLength) return 'too-long';
  if (text.trim() === '') return 'empty';
  const withoutMarkup = text.replace(/<[^>]*>/g, ' ').replace(/&(?:[a-z]+|#\d+|#x[0-9a-f]+);/gi, ' ');
  if (withoutMarkup.trim() === '') return 'markup-only';
  const letters = withoutMarkup.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return 'no-letters';
  const cyrillic = withoutMarkup.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  return cyrillic / letters < MIN_CYRILLIC_SHARE ? 'not-russian' : undefined;
}
