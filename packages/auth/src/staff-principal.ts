import { UnitCode } from '@priemnaya/contracts';
import { z } from 'zod';

/** The roles of the staff; citizens never hold a token. */
export const StaffRole = z.enum(['intake-operator', 'executor', 'supervisor', 'administrator']);
export type StaffRole = z.infer<typeof StaffRole>;

/**
 * Who is calling, as the token says. An executor works in exactly one unit; a supervisor watches
 * one or more; operators and administrators are not bound to units.
 */
export const StaffPrincipal = z
  .strictObject({
    staffId: z.string().trim().min(1, 'must not be empty').max(100),
    name: z.string().trim().min(1).max(200).optional(),
    role: StaffRole,
    units: z.array(UnitCode).max(100),
  })
  .superRefine((principal, context) => {
    if (principal.role === 'executor' && principal.units.length !== 1) {
      context.addIssue({ code: 'custom', path: ['units'], message: 'an executor belongs to exactly one unit' });
    }
    if (principal.role === 'supervisor' && principal.units.length === 0) {
      context.addIssue({ code: 'custom', path: ['units'], message: 'a supervisor watches at least one unit' });
    }
  });
export type StaffPrincipal = z.infer<typeof StaffPrincipal>;

/** Whether the principal may see and act on work of this unit (its own, or one it supervises). */
export function coversUnit(principal: StaffPrincipal, unit: string): boolean {
  if (principal.role === 'administrator') return true;
  if (principal.role === 'intake-operator') return false;
  return principal.units.includes(unit);
}

/** Whether any of the appeal's units (lead or co-executor) is covered by the principal. */
export function coversAnyUnit(principal: StaffPrincipal, units: readonly string[]): boolean {
  return units.some((unit) => coversUnit(principal, unit));
}

export function hasRole(principal: StaffPrincipal, ...roles: StaffRole[]): boolean {
  return roles.includes(principal.role);
}
