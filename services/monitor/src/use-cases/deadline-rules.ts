import {
  bundledProductionCalendar,
  createProductionCalendar,
  defaultPolicySet,
  loadPolicySet,
  type PolicySet,
  type ProductionCalendar,
} from '@priemnaya/deadlines';

export interface Rules {
  policies: PolicySet;
  calendar: ProductionCalendar;
}

/** The policies and calendar in force; replaced as a whole when an administrator changes one. */
export function createDeadlineRules(initial: Rules) {
  let current = initial;
  return {
    current: () => current,
    replace(next: Rules) {
      current = next;
    },
  };
}
export type DeadlineRules = ReturnType<typeof createDeadlineRules>;

/**
 * The rules from what an administrator stored, or those shipped with the deadlines package.
 * Invalid data throws DeadlineDataError naming every field at fault: it was checked when stored,
 * so this means the store was edited by hand, and the monitor must not run on a guess.
 */
export function rulesFrom(stored: { policies?: unknown; calendar?: unknown }): Rules {
  return {
    policies: stored.policies === undefined ? defaultPolicySet() : loadPolicySet(stored.policies),
    calendar: stored.calendar === undefined ? bundledProductionCalendar() : createProductionCalendar(stored.calendar as Parameters<typeof createProductionCalendar>[0]),
  };
}
