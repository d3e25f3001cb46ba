import { z } from 'zod';
import { UnitCode } from './routing-topics.js';

/**
 * The kind of an appeal in the law's sense (59-FZ ст. 4): a proposal (предложение), a statement
 * (заявление) or a complaint (жалоба); `undecided` until an operator, an executor or the classifier
 * says which. Not the platform's `AppealKind`, which picks the clock.
 */
export const LawKind = z.enum(['undecided', 'proposal', 'statement', 'complaint']);
export type LawKind = z.infer<typeof LawKind>;

/**
 * Whom a complaint contests, as far as it is known: one of the city's units, or an official by
 * name and position. A complaint is never sent to either (59-FZ ст. 8 ч. 6).
 */
export const ComplaintAbout = z.strictObject({
  unit: UnitCode.optional(),
  /** Name and position as the appeal gives them, e.g. "Петров П. П., начальник отдела ЖКХ". */
  official: z.string().trim().min(1, 'must not be empty').max(300).optional(),
});
export type ComplaintAbout = z.infer<typeof ComplaintAbout>;

/** Who decided the kind: a person (their staff id), or the text classifier's suggestion. */
export const LawKindDecider = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('staff'), staffId: z.string().min(1).max(100) }),
  /** A suggestion from cue words in the text; it stays a suggestion until a person confirms it. */
  z.strictObject({ kind: z.literal('classifier'), cues: z.array(z.string().min(1).max(60)).max(20) }),
]);
export type LawKindDecider = z.infer<typeof LawKindDecider>;

/**
 * What the router's cue matcher made of the text (59-FZ ст. 4), carried on its routing event: a
 * suggestion for a person to confirm, never a decision.
 */
export const LawKindSuggestion = z.strictObject({
  lawKind: z.enum(['proposal', 'statement', 'complaint']),
  cues: z.array(z.string().min(1).max(60)).min(1).max(20),
});
export type LawKindSuggestion = z.infer<typeof LawKindSuggestion>;

/** The article a complaint's addressee rule rests on, cited in every refusal and return. */
export const COMPLAINT_ADDRESSEE_RULE = '59-ФЗ ст. 8 ч. 6';
