import { countObsceneWords } from './obscene-language.js';
import { type ScreenedAuthor } from './person-keys.js';
import { DEFAULT_SCREENING_POLICY, type ScreeningPolicy } from './screening-policy.js';
import { textSignature, textSimilarity, type TextSignature } from './text-signature.js';
import { findThreats, type ThreatKind } from './threatening-language.js';
import { unreadableReason } from './unreadable-text.js';

/** The art. 11 cases of 59-FZ, in the order findings are reported. Stable: staff tools branch on them. */
export const SCREENING_FLAGS = ['anonymous', 'obscene', 'threatening', 'no-question', 'repeat'] as const;
export type ScreeningFlag = (typeof SCREENING_FLAGS)[number];

/**
 * One art. 11 case for a person to confirm; it never blocks intake. The reason is English for
 * staff tools and never quotes the citizen's text or personal data.
 */
export interface ScreeningFinding {
  flag: ScreeningFlag;
  reason: string;
  /** For a repeat: the earlier appeals it repeats, most similar first. */
  relatedAppealIds?: string[];
}

/** An earlier appeal of the same person, as the caller found it by person key. */
export interface EarlierAppeal {
  appealId: string;
  receivedAt: Date;
  signature: TextSignature;
}

export interface ScreeningInput {
  /** Set when screening an appeal that may be among `earlier` itself, so it does not repeat itself. */
  appealId?: string;
  author: ScreenedAuthor;
  text: string;
  receivedAt: Date;
  earlier: readonly EarlierAppeal[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

const THREAT_REASONS: Record<ThreatKind, string> = {
  harm: 'a first-person threat of violence',
  destruction: 'a first-person threat to destroy or burn aimed at the addressee',
  ultimatum: 'a threatening phrase',
};

export function screenAppeal(input: ScreeningInput, policy: ScreeningPolicy = DEFAULT_SCREENING_POLICY): ScreeningFinding[] {
  const findings: ScreeningFinding[] = [];
  const anonymity = anonymityReason(input.author);
  if (anonymity !== undefined) findings.push({ flag: 'anonymous', reason: anonymity });

  const obscene = countObsceneWords(input.text);
  if (obscene > 0) findings.push({ flag: 'obscene', reason: `obscene vocabulary: ${obscene} ${obscene === 1 ? 'word' : 'words'}` });

  const threats = findThreats(input.text);
  if (threats.length > 0) findings.push({ flag: 'threatening', reason: `threatening language: ${threats.map((kind) => THREAT_REASONS[kind]).join('; ')}` });

  const unreadable = unreadableReason(input.text, policy);
  if (unreadable !== undefined) findings.push({ flag: 'no-question', reason: unreadable });

  const repeat = repeatFinding(input, policy);
  if (repeat !== undefined) findings.push(repeat);
  return findings;
}

/** Art. 11 part 1: an appeal without the surname, or without a postal or e-mail address. */
function anonymityReason(author: ScreenedAuthor): string | undefined {
  const missing: string[] = [];
  if (isBlank(author.surname)) missing.push('no surname');
  if (isBlank(author.postalAddress) && isBlank(author.email)) missing.push('neither a postal address nor an e-mail address');
  return missing.length === 0 ? undefined : `${missing.join(' and ')} given`;
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/**
 * Earlier appeals of this person, received within the window before this one, whose texts are
 * alike. The caller found them by person key; the window and the likeness are checked here.
 */
function repeatFinding(input: ScreeningInput, policy: ScreeningPolicy): ScreeningFinding | undefined {
  const signature = textSignature(input.text);
  const received = input.receivedAt.getTime();
  const windowStart = received - policy.repeatWindowDays * DAY_MS;
  const similar = input.earlier
    .filter((earlier) => earlier.appealId !== input.appealId)
    .filter((earlier) => earlier.receivedAt.getTime() >= windowStart && earlier.receivedAt.getTime() <= received)
    .map((earlier) => ({ earlier, similarity: textSimilarity(signature, earlier.signature) }))
    .filter(({ similarity }) => similarity >= policy.similarityThreshold)
    // Most similar first; among equals the most recent, then by id so the order never wobbles.
    .sort((a, b) => b.similarity - a.similarity
      || b.earlier.receivedAt.getTime() - a.earlier.receivedAt.getTime()
      || a.earlier.appealId.localeCompare(b.earlier.appealId));
  if (similar.length === 0 || similar.length < policy.repeatMinEarlier) return undefined;
  const count = similar.length;
  return {
    flag: 'repeat',
    reason: `${count} earlier ${count === 1 ? 'appeal' : 'appeals'} of the same person with similar text within ${policy.repeatWindowDays} days`,
    relatedAppealIds: [...new Set(similar.map(({ earlier }) => earlier.appealId))],
  };
}
