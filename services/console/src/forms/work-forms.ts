import { AppealAnswer, MAX_EXTENSION_DAYS, OutsideAuthority, StaffId, UnitCode } from '@priemnaya/contracts';
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
  forwarding: z.strictObject({ authority: OutsideAuthority, why: Why }),
  decision: z.strictObject({ why: Why }),
  assign: z.strictObject({ executorId: StaffId, why: Why }),
} as const;
export type WorkForms = typeof WORK_FORMS;
