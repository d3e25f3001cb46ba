import { AppealStatus, LawKind, RegistrationNumber, UnitCode } from '@priemnaya/contracts';
import { z } from 'zod';

/** An empty field means "any". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

/**
 * The staff search form, in the registry's query names (`GET /v1/staff/appeals`). Pure zod: the
 * web application bundles this file.
 */
export const AppealSearchForm = z.strictObject({
  registrationNumber: optional(RegistrationNumber),
  unit: optional(UnitCode),
  status: optional(AppealStatus),
  /** 59-FZ ст. 4: proposals, statements, complaints, or not yet decided. */
  lawKind: optional(LawKind),
  /** Complaints against this unit (59-FZ ст. 8 ч. 6). */
  complaintUnit: optional(UnitCode),
});
export type AppealSearchForm = z.infer<typeof AppealSearchForm>;

/** The registry query for the filled-in fields only. */
export function searchQueryOf(form: AppealSearchForm, limit = 50): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) if (value !== undefined) query.set(name, value);
  query.set('limit', String(limit));
  return query.toString();
}
