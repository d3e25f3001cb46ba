import { ART11_PART_OF_FLAG, ScreeningFlag as ScreeningFlagSchema } from '@priemnaya/contracts';
import { reportsCrime } from './crime-report.js';
import { contestsCourtDecision } from './court-decision.js';
import { noQuestionReason } from './essence-text.js';
import { countObsceneWords } from './obscene-language.js';
import { type ScreenedAuthor } from './person-keys.js';
import { matchPublishedAnswers, type IndexedPublishedAnswer } from './published-answers.js';
import { findRepeat, type EarlierAppeal } from './repeat-appeal.js';
import { DEFAULT_SCREENING_POLICY, type ScreeningPolicy } from './screening-policy.js';
import { touchesStateSecret } from './state-secret.js';
import { findThreats, type ThreatKind } from './threatening-language.js';
import { unreadableReason } from './unreadable-text.js';

export type { EarlierAppeal } from './repeat-appeal.js';

/** The art. 11 cases of 59-FZ, in the order findings are reported: the contracts' list. Stable: staff tools branch on them. */
export const SCREENING_FLAGS = ScreeningFlagSchema.options;
export type ScreeningFlag = (typeof SCREENING_FLAGS)[number];

/** The part of art. 11 each flag rests on. */
export const ART11_PART: Readonly<Record<ScreeningFlag, string>> = ART11_PART_OF_FLAG;

/**
 * One art. 11 case for a person to confirm; it never blocks intake. The reason is English for
 * staff tools and never quotes the citizen's text or personal data.
 */
export interface ScreeningFinding {
  flag: ScreeningFlag;
  reason: string;
  /** The part of art. 11 cited, e.g. "59-ФЗ ст. 11 ч. 4.1". */
  basis: string;
  /** For a repeat: the earlier appeals answered on the merits it repeats, most similar first. */
  relatedAppealIds?: string[];
}

export interface ScreeningInput {
  /** Set when screening an appeal that may be among `earlier` itself, so it does not repeat itself. */
  appealId?: string;
  author: ScreenedAuthor;
  text: string;
  receivedAt: Date;
  earlier: readonly EarlierAppeal[];
  /** The answers published on the administration's site (art. 10 part 4); none when absent. */
  publishedAnswers?: readonly IndexedPublishedAnswer[];
}

const THREAT_REASONS: Record<ThreatKind, string> = {
  harm: 'a first-person threat of violence',
  destruction: 'a first-person threat to destroy or burn aimed at the addressee',
  ultimatum: 'a threatening phrase',
};

export function screenAppeal(input: ScreeningInput, policy: ScreeningPolicy = DEFAULT_SCREENING_POLICY): ScreeningFinding[] {
  const found: Omit<ScreeningFinding, 'basis'>[] = [];
  const anonymity = anonymityReason(input.author);
  if (anonymity !== undefined) {
    found.push({ flag: 'anonymous', reason: anonymity });
    // Only an anonymous appeal needs it: a signed one reporting a crime is answered anyway.
    if (reportsCrime(input.text)) found.push({ flag: 'crime-report', reason: 'anonymous appeal reports an unlawful act: send to the competent body' });
  }
  if (contestsCourtDecision(input.text)) found.push({ flag: 'court-decision', reason: 'contests a court decision: return with how to appeal it' });

  const obscene = countObsceneWords(input.text);
  if (obscene > 0) found.push({ flag: 'obscene', reason: `obscene vocabulary: ${obscene} ${obscene === 1 ? 'word' : 'words'}` });

  const threats = findThreats(input.text);
  if (threats.length > 0) found.push({ flag: 'threatening', reason: `threatening language: ${threats.map((kind) => THREAT_REASONS[kind]).join('; ')}` });

  // A text that cannot be read has no essence to judge either: one finding, not two.
  const unreadable = unreadableReason(input.text, policy);
  const noQuestion = unreadable === undefined ? noQuestionReason(input.text, policy) : undefined;
  if (unreadable !== undefined) found.push({ flag: 'unreadable', reason: unreadable });
  if (noQuestion !== undefined) found.push({ flag: 'no-question', reason: noQuestion });

  const repeat = findRepeat(input, policy);
  if (repeat !== undefined) {
    const count = repeat.answered.length;
    found.push({
      flag: 'repeat',
      reason: `the same question was answered on the merits in ${count} earlier appeals of the same person; no new arguments (${Math.round(repeat.contained * 100)} per cent of the text already in them)`,
      relatedAppealIds: repeat.answered,
    });
  }

  const published = matchPublishedAnswers(input.text, input.publishedAnswers ?? [], policy);
  if (published.length > 0) {
    const [best] = published;
    const more = published.length > 1 ? ` (and ${published.length - 1} more)` : '';
    found.push({ flag: 'answer-published', reason: `the answer is published on the site: ${best?.answer.url ?? ''}${more}` });
  }

  if (touchesStateSecret(input.text)) found.push({ flag: 'state-secret', reason: 'the answer may disclose information classified as a state secret' });
  return found
    .sort((a, b) => SCREENING_FLAGS.indexOf(a.flag) - SCREENING_FLAGS.indexOf(b.flag))
    .map((finding) => ({ ...finding, basis: basisOf(finding.flag) }));
}

/** How a finding cites its rule: "59-ФЗ ст. 11 ч. 4.1". */
export function basisOf(flag: ScreeningFlag): string {
  return `59-ФЗ ст. 11 ч. ${ART11_PART[flag]}`;
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
