import type { AppealKind } from '@priemnaya/contracts';
import {
  bundledProductionCalendar,
  decideExtensionOf,
  defaultPolicySet,
  extensionAllowanceOf,
  type ExtensionAllowance,
  type ExtensionDecision,
  type PolicySet,
  type ProductionCalendar,
} from '@priemnaya/deadlines';
import type { WorkTask } from './work-state.js';

/** The deadline policies and calendar the monitor plans clocks on; the executor applies the same extension rule. */
export interface DeadlineRules {
  policies: PolicySet;
  calendar: ProductionCalendar;
}

const shipped = new Map<string, DeadlineRules>();
/**
 * The rules shipped with @priemnaya/deadlines in the city's zone (CITY_TIME_ZONE; Moscow when
 * not given), built once per zone: they are data, not a connection.
 */
export function shippedDeadlineRules(zone = 'Europe/Moscow'): DeadlineRules {
  let rules = shipped.get(zone);
  if (rules === undefined) {
    rules = { policies: defaultPolicySet(), calendar: bundledProductionCalendar({ zone }) };
    shipped.set(zone, rules);
  }
  return rules;
}

/** A task routed before kinds were carried: only the platform's adapter brings platform messages. */
export function appealKindOf(task: WorkTask): AppealKind | undefined {
  return task.kind ?? (task.channel === 'pos' ? undefined : 'appeal');
}

/**
 * Whether the appeal's answer term may be extended by `days` at `at`, by its policy's extension
 * rule (the one the monitor applies to the clocks), counting the days approved on the appeal.
 */
export function extensionOfTask(task: WorkTask, rules: DeadlineRules, approvedDays: number, days: number, at: Date): ExtensionDecision {
  const facts = factsOf(task);
  if (facts === undefined) return POLICY_UNKNOWN;
  return decideExtensionOf(rules.policies, rules.calendar, facts, approvedDays, { days, decidedAt: at.toISOString() });
}

/** What the rule still allows the appeal at `at`: the days left to ask for, or why none. */
export function extensionAllowanceOfTask(task: WorkTask, rules: DeadlineRules, approvedDays: number, at: Date): ExtensionAllowance {
  const facts = factsOf(task);
  if (facts === undefined) return POLICY_UNKNOWN;
  return extensionAllowanceOf(rules.policies, rules.calendar, facts, approvedDays, at.toISOString());
}

const POLICY_UNKNOWN = {
  allowed: false,
  refusal: 'no-extension',
  reason: 'the task does not say whether it is a platform message or an appeal (it was routed before kinds were recorded), so its deadline policy is not known',
} as const;

function factsOf(task: WorkTask) {
  const kind = appealKindOf(task);
  if (task.channel === undefined || kind === undefined) return undefined;
  return { channel: task.channel, kind, topic: task.topic, registeredAt: task.receivedAt };
}
