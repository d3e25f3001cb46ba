import {
  bundledProductionCalendar,
  compareEvents,
  controllingClock,
  defaultPolicySet,
  emptyAppealClocks,
  registrationClockFacts,
  replanClocks,
  type LifecycleEvent,
  type PolicySet,
  type ProductionCalendar,
} from '@priemnaya/deadlines';
import { forwardedAuthorities } from '@priemnaya/contracts';
import { distinctSorted, type AppealFact } from './appeal-facts.js';

export interface AnswerDeadline {
  /** The instant the answer is due (end of the due day in the city's zone). */
  dueAt: string;
  dueDate: string;
  policyId: string;
  /** Whether the answer clock still runs, and how it ended when it stopped. */
  status: 'running' | 'stopped';
  outcome?: string;
  /** Counted through a year whose decree on transfers is not entered: the date may still move. */
  provisional?: true;
}

/**
 * What an appeal's facts mean for the legal clocks, mapped as the deadline monitor maps them,
 * so the registry's deadline and the monitor's alerts count the same days.
 */
export function lifecycleOf(fact: AppealFact): LifecycleEvent | undefined {
  const base = { eventId: fact.eventId, appealId: fact.appealId, occurredAt: fact.occurredAt };
  switch (fact.type) {
    case 'appeal.received': {
      const event: LifecycleEvent = { ...base, type: 'registered', channel: fact.channel, kind: fact.kind };
      if (fact.platform?.filedAt !== undefined) event.receivedAt = fact.platform.filedAt;
      if (fact.reception !== undefined) event.answeredOnTheSpot = fact.reception.answeredOnTheSpot;
      return { ...event, ...registrationClockFacts(fact) };
    }
    case 'appeal.routed':
    case 'appeal.triage-decided':
      return { ...base, type: 'routed', topic: fact.topic, unit: fact.unit };
    case 'appeal.extension-approved':
      return { ...base, type: 'extension-approved', days: fact.days, decidedBy: fact.by, reason: fact.why };
    case 'appeal.forwarding-started':
      return { ...base, type: 'forwarding-requested' };
    case 'appeal.forwarded':
      // As the monitor maps it: every body's name, and a partial forwarding leaves the answer clock running.
      return {
        ...base,
        type: 'forwarded',
        to: forwardedAuthorities(fact).map((authority) => authority.name).join('; ').slice(0, 300),
        ...(fact.partial === true ? { partial: true } : {}),
      };
    case 'appeal.co-executor-added':
      return { ...base, type: 'co-executor-added', unit: fact.coExecutorUnit };
    case 'appeal.co-executor-answered':
      return { ...base, type: 'co-executor-answered', unit: fact.unit };
    case 'appeal.answered':
      return { ...base, type: 'answered' };
    case 'appeal.closed':
    case 'appeal.returned-to-citizen':
      return { ...base, type: 'closed' };
    // 59-FZ ст. 12 ч. 1.1: the tags choose the policy, as on the monitor.
    case 'appeal.tags-set':
      return { ...base, type: 'tags-set', tags: fact.tags };
    default:
      // Triage, hand-backs, assignments, acceptance and undecided requests move no legal clock.
      return undefined;
  }
}

let bundled: { policies: PolicySet; calendar: ProductionCalendar } | undefined;
let zone = 'Europe/Moscow';

/** `CITY_TIME_ZONE`, set once at start, so the registry counts days as the monitor and ingest do. */
export function countInCityZone(cityZone: string): void {
  zone = cityZone;
  bundled = undefined;
}

function bundledRules(): { policies: PolicySet; calendar: ProductionCalendar } {
  bundled ??= { policies: defaultPolicySet(), calendar: bundledProductionCalendar({ zone }) };
  return bundled;
}

/** The city's time zone, as the production calendar the deadlines are counted in names it. */
export function cityZone(): string {
  return bundledRules().calendar.zone;
}

/** Every deadline the registry shows or counts by: the appeal's answer and each co-executor unit's part. */
export interface AppealDeadlines {
  answer?: AnswerDeadline;
  /** The instant each co-executor unit's part is due (5 days before the control date under 59-FZ). */
  partDueAt: Partial<Record<string, string>>;
}

/**
 * The deadlines from the facts, through @priemnaya/deadlines: the policy for the channel,
 * kind and topic (30 calendar days for an appeal under 59-FZ), moved by approved extensions up to
 * the legal cap. The registry uses the bundled policies and production calendar; a policy an
 * administrator changes at run time in the monitor is not seen here until it is bundled.
 * No answer deadline until the appeal's registration is known.
 */
export function deadlinesOf(facts: readonly AppealFact[]): AppealDeadlines {
  const { policies, calendar } = bundledRules();
  const events = distinctSorted(facts).map(lifecycleOf).filter((event): event is LifecycleEvent => event !== undefined).sort(compareEvents);
  const appealId = facts[0]?.appealId;
  // Replanning replays the given events, already distinct and in the clocks' order.
  if (appealId === undefined) return { partDueAt: {} };
  const replayed = replanClocks({ ...emptyAppealClocks(appealId), events }, policies, calendar);
  const partDueAt: Partial<Record<string, string>> = {};
  for (const clock of replayed.clocks) if (clock.kind === 'co-executor' && clock.unit !== undefined) partDueAt[clock.unit] = clock.dueAt;
  const clock = controllingClock(replayed);
  if (clock === undefined) return { partDueAt };
  const answer: AnswerDeadline = {
    dueAt: clock.dueAt,
    dueDate: clock.dueDate,
    policyId: clock.policyId,
    status: clock.status,
    ...(clock.outcome !== undefined ? { outcome: clock.outcome } : {}),
    ...(clock.provisional === true ? { provisional: true as const } : {}),
  };
  return { answer, partDueAt };
}

/** The appeal's answer deadline alone; undefined until the appeal's registration is known. */
export function answerDeadline(facts: readonly AppealFact[]): AnswerDeadline | undefined {
  return deadlinesOf(facts).answer;
}
