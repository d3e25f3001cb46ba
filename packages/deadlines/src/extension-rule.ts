import { extendedEnd, termEndFrom, type Due } from './clock-terms.js';
import { selectPolicy, termDays, type AppealFacts, type DeadlinePolicy, type ExtensionRule, type PolicySet } from './deadline-policy.js';
import type { LocalDate } from './local-date.js';
import type { ProductionCalendar } from './production-calendar.js';

/**
 * The one rule on extending an answer term. The executor asks it before recording a request or
 * an approval, the monitor before moving a clock, so a citizen is never told "extended" about an
 * extension the clocks ignore.
 */

/** What the rule needs of the answer clock as it stands. */
export interface AnswerTerm {
  /** The answer term's last day by plain counting, before any move off a day off: extensions add to it. */
  nominalDueDate: LocalDate;
  /** When the controlling term (answer, or extended answer) runs out now. */
  dueAt: string;
  /** Days already approved on the appeal, in the extension rule's count. */
  daysUsed: number;
}

export interface ExtensionAsked {
  days: number;
  /** When the request is made or decided; a term that has run out by then is not extended. */
  decidedAt: string;
}

export type ExtensionRefusal = 'no-extension' | 'limit-spent' | 'term-expired';

export type ExtensionDecision =
  | {
      allowed: true;
      /** The days this extension adds, and all approved with it. */
      days: number;
      totalDays: number;
      daysLeft: number;
      count: 'calendar-days' | 'working-days';
      /** The new end of the answer term. */
      due: Due;
      basis: string;
    }
  | {
      allowed: false;
      refusal: ExtensionRefusal;
      /** For staff: which rule refused and, when the limit is the reason, how many days are left. */
      reason: string;
      daysLeft?: number;
      basis?: string;
    };

export type ExtensionAllowance =
  | { allowed: true; daysLeft: number; count: 'calendar-days' | 'working-days'; basis: string; rule: ExtensionRule }
  | Extract<ExtensionDecision, { allowed: false }>;

/** How many days the policy still lets the answer term be extended by at `at`, or why none. */
export function extensionAllowance(policy: DeadlinePolicy, term: AnswerTerm, at: string): ExtensionAllowance {
  const rule = policy.extension;
  if (rule === undefined) return { allowed: false, refusal: 'no-extension', reason: `policy ${policy.id} allows no extension` };
  if (Date.parse(at) >= Date.parse(term.dueAt)) {
    return { allowed: false, refusal: 'term-expired', reason: `the answer term ran out at ${term.dueAt}; an expired term is not extended`, basis: rule.basis };
  }
  const daysLeft = Math.max(0, rule.maxDays - term.daysUsed);
  if (daysLeft === 0) {
    return { allowed: false, refusal: 'limit-spent', reason: `the extensions already reach the limit of ${rule.maxDays} days (${rule.basis})`, daysLeft, basis: rule.basis };
  }
  return { allowed: true, daysLeft, count: rule.count, basis: rule.basis, rule };
}

/** Whether `policy` lets the answer term be extended by `asked.days` now, and to which date. */
export function decideExtension(policy: DeadlinePolicy, calendar: ProductionCalendar, term: AnswerTerm, asked: ExtensionAsked): ExtensionDecision {
  const allowance = extensionAllowance(policy, term, asked.decidedAt);
  if (!allowance.allowed) return allowance;
  const { rule } = allowance;
  if (asked.days > allowance.daysLeft) {
    const reason = `only ${allowance.daysLeft} of the ${rule.maxDays} days are left (${rule.basis})`;
    return { allowed: false, refusal: 'limit-spent', reason, daysLeft: allowance.daysLeft, basis: rule.basis };
  }
  const totalDays = term.daysUsed + asked.days;
  return {
    allowed: true,
    days: asked.days,
    totalDays,
    daysLeft: rule.maxDays - totalDays,
    count: rule.count,
    due: extendedEnd(calendar, term.nominalDueDate, { ...rule, days: totalDays }),
    basis: rule.basis,
  };
}

/** The facts an executor holds of an appeal: what chooses its policy, and when it was registered. */
export interface RegisteredAppealFacts extends AppealFacts {
  registeredAt: string;
}

/**
 * The answer clock as the monitor plans it from the same facts: the policy's term from
 * registration, moved by the days already approved. Undefined for an appeal answered on the spot.
 */
export function answerTermOf(
  policies: PolicySet,
  calendar: ProductionCalendar,
  facts: RegisteredAppealFacts,
  daysUsed: number,
): { policy: DeadlinePolicy; term: AnswerTerm | undefined } {
  const policy = selectPolicy(policies, facts);
  const rule = policy.answer;
  if (rule.count === 'on-the-spot') return { policy, term: undefined };
  const answer = termEndFrom(calendar, facts.registeredAt, { ...rule, days: termDays(rule, facts.topic) });
  const extension = policy.extension;
  const current = extension !== undefined && daysUsed > 0 ? extendedEnd(calendar, answer.nominalDueDate, { ...extension, days: daysUsed }) : answer;
  return { policy, term: { nominalDueDate: answer.nominalDueDate, dueAt: current.dueAt, daysUsed } };
}

/** `decideExtension` for an appeal known by its facts rather than its replayed clocks. */
export function decideExtensionOf(
  policies: PolicySet,
  calendar: ProductionCalendar,
  facts: RegisteredAppealFacts,
  daysUsed: number,
  asked: ExtensionAsked,
): ExtensionDecision {
  const { policy, term } = answerTermOf(policies, calendar, facts, daysUsed);
  if (term === undefined) return { allowed: false, refusal: 'no-extension', reason: `policy ${policy.id} answers on the spot; there is no term to extend` };
  return decideExtension(policy, calendar, term, asked);
}

/** `extensionAllowance` for an appeal known by its facts. */
export function extensionAllowanceOf(
  policies: PolicySet,
  calendar: ProductionCalendar,
  facts: RegisteredAppealFacts,
  daysUsed: number,
  at: string,
): ExtensionAllowance {
  const { policy, term } = answerTermOf(policies, calendar, facts, daysUsed);
  if (term === undefined) return { allowed: false, refusal: 'no-extension', reason: `policy ${policy.id} answers on the spot; there is no term to extend` };
  return extensionAllowance(policy, term, at);
}
