import { textContainment, textSignature, textSimilarity, type TextSignature } from './text-signature.js';
import type { ScreeningPolicy } from './screening-policy.js';

/** An earlier appeal of the same person, as the caller found it by person key. */
export interface EarlierAppeal {
  appealId: string;
  receivedAt: Date;
  signature: TextSignature;
  /** When the person was first answered on the merits (`appeal.answered` with `inSubstance`); absent while not. */
  answeredInSubstanceAt?: Date;
}

export interface RepeatInput {
  appealId?: string;
  text: string;
  receivedAt: Date;
  earlier: readonly EarlierAppeal[];
}

export interface Repeat {
  /** The earlier appeals answered on the merits on the same question, most similar first. */
  answered: string[];
  /** How much of this text the answered ones already held, 0..1. */
  contained: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Art. 11 part 5: the same question has already been answered on the merits more than once
 * (the policy's count) and this appeal brings no new arguments: its text is essentially held
 * in those earlier ones together. Only answers given before this appeal arrived count, within
 * the policy's look-back; the law sets no window, the setting only bounds what is compared.
 */
export function findRepeat(input: RepeatInput, policy: ScreeningPolicy): Repeat | undefined {
  const signature = textSignature(input.text);
  const received = input.receivedAt.getTime();
  const windowStart = received - policy.repeatWindowDays * DAY_MS;
  const answered = sameQuestion(input, signature, policy).filter(({ earlier }) => {
    const at = earlier.answeredInSubstanceAt?.getTime();
    return at !== undefined && at <= received && earlier.receivedAt.getTime() >= windowStart;
  });
  if (answered.length < policy.repeatMinAnswered) return undefined;
  const contained = textContainment(signature, answered.map(({ earlier }) => earlier.signature));
  if (contained < policy.noNewArgumentsShare) return undefined;
  return { answered: [...new Set(answered.map(({ earlier }) => earlier.appealId))], contained };
}

/**
 * The person's earlier appeals on the same question, answered or not, most similar first: the
 * desk warns about the open ones ("you already have appeal 00042/2026 on this").
 */
export function similarEarlierAppeals(input: RepeatInput, policy: ScreeningPolicy): string[] {
  const received = input.receivedAt.getTime();
  const windowStart = received - policy.repeatWindowDays * DAY_MS;
  return [...new Set(sameQuestion(input, textSignature(input.text), policy)
    .filter(({ earlier }) => earlier.receivedAt.getTime() >= windowStart)
    .map(({ earlier }) => earlier.appealId))];
}

function sameQuestion(input: RepeatInput, signature: TextSignature, policy: ScreeningPolicy) {
  const received = input.receivedAt.getTime();
  return input.earlier
    .filter((earlier) => earlier.appealId !== input.appealId && earlier.receivedAt.getTime() <= received)
    .map((earlier) => ({ earlier, similarity: textSimilarity(signature, earlier.signature) }))
    .filter(({ similarity }) => similarity >= policy.similarityThreshold)
    // Most similar first; among equals the most recent, then by id so the order never wobbles.
    .sort((a, b) => b.similarity - a.similarity
      || b.earlier.receivedAt.getTime() - a.earlier.receivedAt.getTime()
      || a.earlier.appealId.localeCompare(b.earlier.appealId));
}
