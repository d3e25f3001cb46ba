import type { LawKind } from '@priemnaya/contracts';
import { words } from './normalise-text.js';

/** A cue: consecutive words, each matched by its beginning, so one cue covers a word's forms. */
interface Cue {
  label: string;
  stems: string[];
}

const cue = (label: string): Cue => ({ label, stems: label.split(' ') });

/**
 * Cue words of the three kinds of 59-FZ ст. 4, by the article's own definitions: a complaint asks
 * to restore or protect violated rights (обжалую, жалоба на действия, бездействие); a proposal
 * recommends how to improve laws or work (предлагаю); a statement asks for help in exercising a
 * right, or reports a violation or a shortcoming (прошу, заявление). Stems, so "обжал" matches
 * обжалую, обжаловать, обжалование.
 */
const CUES: Record<Exclude<LawKind, 'undecided'>, Cue[]> = {
  complaint: [
    cue('обжал'),
    cue('жалоб'),
    cue('бездейств'),
    cue('неправомерн'),
    cue('незаконн действ'),
    cue('незаконн решен'),
    cue('нарушен мо прав'),
    cue('нарушаю мо прав'),
    cue('привлеч к ответствен'),
  ],
  proposal: [cue('предлага'), cue('предложен'), cue('было бы хорошо'), cue('рекоменду')],
  statement: [cue('прошу'), cue('просим'), cue('просьб'), cue('заявлен'), cue('сообщаю')],
};

/** A complaint decides where the appeal may go (ст. 8 ч. 6), so it outranks the others. */
const PRECEDENCE: Exclude<LawKind, 'undecided'>[] = ['complaint', 'proposal', 'statement'];

export interface LawKindSuggestion {
  lawKind: Exclude<LawKind, 'undecided'>;
  /** The cues that matched (ours, never the citizen's words). */
  cues: string[];
}

function matches(text: string[], { stems }: Cue): boolean {
  for (let start = 0; start + stems.length <= text.length; start += 1) {
    if (stems.every((stem, offset) => text[start + offset]?.startsWith(stem) === true)) return true;
  }
  return false;
}

/**
 * The kind the text suggests, or undefined when no cue matches. Only a suggestion: a person
 * confirms it (a statement that says "жалоба" in passing is still a statement).
 */
export function suggestLawKind(text: string): LawKindSuggestion | undefined {
  const textWords = words(text);
  for (const lawKind of PRECEDENCE) {
    const found = CUES[lawKind].filter((candidate) => matches(textWords, candidate)).map(({ label }) => label);
    if (found.length > 0) return { lawKind, cues: found };
  }
  return undefined;
}
