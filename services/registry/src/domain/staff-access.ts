import { coversAnyUnit, coversUnit, type StaffPrincipal } from '@priemnaya/auth';
import type { UnitCode } from '@priemnaya/contracts';

/** How a person came to an appeal's card: by its id, or by its registration number at the desk. */
export type CardAccess = 'by-id' | 'by-number';

export type AccessDecision = { allowed: true } | { allowed: false; message: string };

const allowed: AccessDecision = { allowed: true };

/**
 * Who may read an appeal's card with its personal data. An administrator reads every card; an
 * executor or a supervisor only an appeal whose lead or co-executor unit is one of theirs; an
 * intake operator only by registration number, to see whether a visitor's appeal is a repeat
 * of one already registered (the read is audited like any other).
 */
export function mayReadCard(principal: StaffPrincipal, units: readonly UnitCode[], access: CardAccess): AccessDecision {
  switch (principal.role) {
    case 'administrator':
      return allowed;
    case 'intake-operator':
      return access === 'by-number' ? allowed : { allowed: false, message: 'role: an intake operator reads a card by its registration number only' };
    case 'executor':
    case 'supervisor':
      return coversAnyUnit(principal, units) ? allowed : { allowed: false, message: 'id: the appeal is not in your units' };
  }
}

/** Which appeals a search may return: every one, or those with one of these units (lead or co-executor). */
export type SearchScope = { allowed: true; units?: UnitCode[] } | { allowed: false; message: string };

export function searchScope(principal: StaffPrincipal, requestedUnit: UnitCode | undefined): SearchScope {
  switch (principal.role) {
    case 'administrator':
      return { allowed: true };
    case 'intake-operator':
      return { allowed: false, message: 'role: an intake operator may not search appeals' };
    case 'executor':
    case 'supervisor':
      if (requestedUnit !== undefined && !coversUnit(principal, requestedUnit)) {
        return { allowed: false, message: `unit: ${requestedUnit} is not one of your units` };
      }
      return { allowed: true, units: principal.units };
  }
}

/** Only an administrator reads who read an appeal. */
export function mayReadAudit(principal: StaffPrincipal): AccessDecision {
  return principal.role === 'administrator' ? allowed : { allowed: false, message: `role: ${principal.role} may not read the audit` };
}

/** Whose charts a person may see: the units asked for, or a supervisor's own when none are. */
export type StatsScope =
  | { allowed: true; units: UnitCode[] }
  | { allowed: false; status: 403; message: string }
  /** A field the request must carry for this person; the message does not repeat the field. */
  | { allowed: false; status: 400; field: string; message: string };

/**
 * The units' statistics are for supervision: a supervisor sees the units they cover (all of them
 * unless they name some), an administrator any units they name. Executors and intake operators
 * see none.
 */
export function statsScope(principal: StaffPrincipal, requested: readonly UnitCode[] | undefined): StatsScope {
  switch (principal.role) {
    case 'executor':
    case 'intake-operator':
      return { allowed: false, status: 403, message: `role: ${principal.role} may not read the units' statistics` };
    case 'administrator':
      if (requested === undefined) return { allowed: false, status: 400, field: 'units', message: 'an administrator names the units' };
      return { allowed: true, units: [...requested] };
    case 'supervisor': {
      if (requested === undefined) return { allowed: true, units: [...principal.units] };
      const foreign = requested.find((unit) => !coversUnit(principal, unit));
      if (foreign !== undefined) return { allowed: false, status: 403, message: `unit: ${foreign} is not one of your units` };
      return { allowed: true, units: [...requested] };
    }
  }
}
