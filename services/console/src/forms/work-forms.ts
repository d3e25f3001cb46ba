import { AppealAnswer, AppealTag, ComplaintAbout, LawKind, MAX_EXTENSION_DAYS, OutsideAuthority, StaffId, UnitCode } from '@priemnaya/contracts';
import { z } from 'zod';

/**
 * The executors' and supervisors' forms, from the same contract schemas the executor service
 * validates its requests with. Pure zod: the web application bundles this file.
 */
const Why = z.string().trim().min(1, 'must not be empty').max(2000);

export const WORK_FORMS = {
  answer: z.strictObject({ text: AppealAnswer.shape.text, inSubstance: z.boolean() }),
  'hand-back': z.strictObject({ reason: Why, suggestedUnit: z.preprocess((v) => (v === '' ? undefined : v), UnitCode.optional()) }),
  'extension-request': z.strictObject({ days: z.coerce.number().int('must be a whole number').min(1).max(MAX_EXTENSION_DAYS), justification: Why }),
  // 59-FZ ст. 8 ч. 4: copies to several bodies, or only some questions (`partial`).
  forwarding: z.strictObject({ authorities: z.array(OutsideAuthority).min(1, 'must name at least one body').max(10), partial: z.boolean(), why: Why }),
  // 59-FZ ст. 4: the kind, and for a complaint whom it contests.
  'law-kind': z
    .strictObject({ lawKind: LawKind, complaintAbout: ComplaintAbout.optional() })
    .refine((body) => body.complaintAbout === undefined || body.lawKind === 'complaint', { path: ['complaintAbout'], message: 'only a complaint names whom it contests' }),
  // 59-FZ ст. 8 ч. 7.
  'return-to-citizen': z.strictObject({ why: Why.optional() }),
  // 59-FZ ст. 12 ч. 1.1: the whole set of tags the deadline policies match; empty clears it.
  tags: z.strictObject({
    tags: z.array(AppealTag).max(20).refine((tags) => new Set(tags).size === tags.length, 'must not name a tag twice'),
    why: Why.optional(),
  }),
  decision: z.strictObject({ why: Why }),
  assign: z.strictObject({ executorId: StaffId, why: Why }),
} as const;
export type WorkForms = typeof WORK_FORMS;

/**
 * The extension request bounded by the days the appeal's deadline policy still allows, as the
 * executor service reports them on the task; the service decides again when the request arrives.
 */
export function extensionRequestForm(daysLeft: number) {
  return WORK_FORMS['extension-request'].extend({ days: WORK_FORMS['extension-request'].shape.days.max(Math.max(1, Math.min(daysLeft, MAX_EXTENSION_DAYS))) });
}
