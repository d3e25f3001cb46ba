import type { RoutingTopic } from '@priemnaya/contracts';
import type { AppealClocks, Clock, ClockNote, ClockOutcome } from './appeal-clocks.js';
import { localDateOf } from './city-time.js';
import { coExecutorEnd, termEndFrom, type Due } from './clock-terms.js';
import { decideExtension } from './extension-rule.js';
import { selectPolicy, termDays, type ClockKind, type DeadlinePolicy, type PolicySet } from './deadline-policy.js';
import type { LifecycleEvent } from './lifecycle-events.js';
import { isProvisionalYear, type ProductionCalendar } from './production-calendar.js';
import { yearOf } from './local-date.js';

type Replayed = Omit<AppealClocks, 'refused'>;
type EventOf<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>;

interface Replay {
  appealId: string;
  policy: DeadlinePolicy;
  calendar: ProductionCalendar;
  topic: RoutingTopic | undefined;
  clocks: Map<string, Clock>;
  notes: ClockNote[];
  registeredAt: string;
  extensionDaysUsed: number;
}

/** Replays events already in `compareEvents` order; the policy follows the latest facts (topic, tags). */
export function replayClocks(appealId: string, events: LifecycleEvent[], policies: PolicySet, calendar: ProductionCalendar): Replayed {
  const registered = events.find((event): event is EventOf<'registered'> => event.type === 'registered');
  if (registered === undefined) return { appealId, events, clocks: [], notes: [] };
  const topic = events.findLast((event): event is EventOf<'routed'> => event.type === 'routed')?.topic;
  // A tag set after registration (e.g. migration-law, 59-FZ ст. 12 ч. 1.1) replaces the registration's.
  const tags = events.findLast((event): event is EventOf<'tags-set'> => event.type === 'tags-set')?.tags ?? registered.tags;
  const policy = selectPolicy(policies, { ...registered, topic, tags });
  const replay: Replay = {
    appealId, policy, calendar, topic, clocks: new Map(), notes: [], registeredAt: registered.occurredAt, extensionDaysUsed: 0,
  };
  let unit: string | undefined;
  for (const event of events) {
    if (event === registered) startClocks(replay, registered);
    else if (Date.parse(event.occurredAt) < Date.parse(registered.occurredAt)) note(replay, event, 'happened before the registration; ignored');
    else if (event.type === 'registered') note(replay, event, 'registered again; the first registration counts');
    else if (event.type === 'routed') unit = event.unit;
    else HANDLERS[event.type](replay, event as never);
  }
  const clocks = [...replay.clocks.values()].map((clock) => {
    const routed = unit !== undefined && (clock.kind === 'answer' || clock.kind === 'extended-answer' || clock.kind === 'forwarding') ? { ...clock, unit } : clock;
    return restsOnProvisionalYear(calendar, routed) ? { ...routed, provisional: true as const } : routed;
  });
  return { appealId, events, policyId: policy.id, clocks, notes: replay.notes };
}

function startClocks(replay: Replay, event: EventOf<'registered'>): void {
  const { policy, calendar } = replay;
  if (policy.registration) {
    const receivedAt = event.receivedAt ?? event.occurredAt;
    const clock = open(replay, 'registration', 'registration', receivedAt, termEndFrom(calendar, receivedAt, policy.registration), policy.registration.basis);
    stop(clock, event.occurredAt);
  }
  const rule = policy.answer;
  if (rule.count === 'on-the-spot') {
    const due = termEndFrom(calendar, event.occurredAt, { count: 'calendar-days', days: 0, moveOffNonWorkingDay: false });
    stop(open(replay, 'answer', 'answer', event.occurredAt, due, rule.basis), event.occurredAt, 'met');
    return;
  }
  const term = { ...rule, days: termDays(rule, replay.topic, event.platformCategory) };
  // A platform message's term runs from its publication on the platform, not from our registration.
  const answerStartsAt = event.clockStartsAt ?? event.occurredAt;
  open(replay, 'answer', 'answer', answerStartsAt, termEndFrom(calendar, answerStartsAt, term), rule.basis);
  for (const notice of policy.notices ?? []) {
    if (event.screening?.includes(notice.finding) !== true) continue;
    open(replay, 'notice', `notice:${notice.finding}`, event.occurredAt, termEndFrom(calendar, event.occurredAt, notice), notice.basis);
  }
}

const HANDLERS: { [T in Exclude<LifecycleEvent['type'], 'registered' | 'routed'>]: (replay: Replay, event: EventOf<T>) => void } = {
  // Already read when the policy was chosen; the clocks it starts count from registration.
  'tags-set': () => undefined,
  'forwarding-requested': (replay, event) => {
    const rule = replay.policy.forwarding;
    if (rule === undefined) return note(replay, event, `policy ${replay.policy.id} has no forwarding term`);
    if (replay.clocks.has('forwarding')) return note(replay, event, 'forwarding already requested');
    // 59-FZ ст. 8 ч. 3 counts the seven days from registration, not from the request.
    open(replay, 'forwarding', 'forwarding', replay.registeredAt, termEndFrom(replay.calendar, replay.registeredAt, rule), rule.basis);
  },
  forwarded: (replay, event) => {
    const rule = replay.policy.forwarding;
    let forwarding = replay.clocks.get('forwarding');
    if (forwarding === undefined && rule !== undefined) {
      forwarding = open(replay, 'forwarding', 'forwarding', replay.registeredAt, termEndFrom(replay.calendar, replay.registeredAt, rule), rule.basis);
    }
    if (forwarding?.status === 'running') stop(forwarding, event.occurredAt);
    // 59-FZ ст. 8 ч. 4: the questions kept here are still answered here, on the same deadline.
    if (event.partial === true) return;
    const control = runningControl(replay);
    if (control !== undefined) stop(control, event.occurredAt, 'forwarded');
    stopRunning(replay, 'co-executor', event.occurredAt, 'withdrawn');
  },
  'extension-approved': (replay, event) => {
    const control = runningControl(replay);
    const answer = replay.clocks.get('answer');
    if (control === undefined || answer === undefined) return note(replay, event, 'no running answer clock to extend');
    // The rule the executor applied before recording the approval; an event it would refuse moves nothing.
    const decision = decideExtension(
      replay.policy,
      replay.calendar,
      { nominalDueDate: answer.nominalDueDate, dueAt: control.dueAt, daysUsed: replay.extensionDaysUsed },
      { days: event.days, decidedAt: event.occurredAt },
    );
    if (!decision.allowed) return note(replay, event, `not applied: ${decision.reason}`);
    replay.extensionDaysUsed = decision.totalDays;
    const { due } = decision;
    const record = { eventId: event.eventId, days: decision.days, decidedBy: event.decidedBy, reason: event.reason };
    if (control.kind === 'answer') {
      stop(control, event.occurredAt, 'extended');
      open(replay, 'extended-answer', 'extended-answer', event.occurredAt, due, decision.basis).extensions = [record];
    } else {
      Object.assign(control, due);
      control.extensions = [...(control.extensions ?? []), record];
    }
    for (const clock of replay.clocks.values()) {
      if (clock.kind === 'co-executor' && clock.status === 'running') Object.assign(clock, coExecutorDue(replay, clock.startedAt, due));
    }
  },
  'co-executor-added': (replay, event) => {
    const rule = replay.policy.coExecutor;
    if (rule === undefined) return note(replay, event, `policy ${replay.policy.id} has no co-executor term`);
    const control = runningControl(replay);
    if (control === undefined) return note(replay, event, 'no running answer clock for a co-executor to contribute to');
    const clockId = `co-executor:${event.unit}`;
    if (replay.clocks.has(clockId)) return note(replay, event, `${event.unit} is already a co-executor`);
    open(replay, 'co-executor', clockId, event.occurredAt, coExecutorDue(replay, event.occurredAt, control), rule.basis).unit = event.unit;
  },
  'co-executor-answered': (replay, event) => {
    const clock = replay.clocks.get(`co-executor:${event.unit}`);
    if (clock?.status !== 'running') return note(replay, event, `no running clock for co-executor ${event.unit}`);
    stop(clock, event.occurredAt);
  },
  answered: (replay, event) => {
    // The answer, or the letter that explains why there is none on the merits, is the notice ст. 11 asks for.
    for (const clock of replay.clocks.values()) if (clock.kind === 'notice' && clock.status === 'running') stop(clock, event.occurredAt);
    const control = runningControl(replay);
    if (control === undefined) return note(replay, event, 'no running answer clock');
    stop(control, event.occurredAt);
    stopRunning(replay, 'co-executor', event.occurredAt, 'withdrawn');
    stopRunning(replay, 'forwarding', event.occurredAt, 'withdrawn');
  },
  closed: (replay, event) => {
    for (const clock of replay.clocks.values()) if (clock.status === 'running') stop(clock, event.occurredAt, 'closed');
  },
  reopened: (replay, event) => {
    const control = replay.clocks.get('extended-answer') ?? replay.clocks.get('answer');
    if (control === undefined || control.status === 'running') return note(replay, event, 'no stopped answer clock to reopen');
    // The law gives no new term for a returned answer: the same deadline runs again.
    control.status = 'running';
    delete control.stoppedAt;
    delete control.outcome;
  },
};

/** A clock counted through a year whose decree is not entered: its due date may still move. */
function restsOnProvisionalYear(calendar: ProductionCalendar, clock: Clock): boolean {
  for (let year = yearOf(localDateOf(clock.startedAt, calendar.zone)); year <= yearOf(clock.dueDate); year += 1) {
    if (isProvisionalYear(calendar, year)) return true;
  }
  return false;
}

/** A co-executor added too late for its lead time gets the controlling deadline itself. */
function coExecutorDue(replay: Replay, startedAt: string, control: Due): Due {
  const daysBefore = replay.policy.coExecutor?.daysBeforeControl ?? 0;
  const due = coExecutorEnd(replay.calendar, control.dueDate, daysBefore);
  if (due.dueDate < localDateOf(startedAt, replay.calendar.zone)) {
    return { nominalDueDate: control.nominalDueDate, dueDate: control.dueDate, dueAt: control.dueAt };
  }
  return due;
}

function runningControl(replay: Replay): Clock | undefined {
  const control = replay.clocks.get('extended-answer') ?? replay.clocks.get('answer');
  return control?.status === 'running' ? control : undefined;
}

function open(replay: Replay, kind: ClockKind, clockId: string, startedAt: string, due: Due, basis: string): Clock {
  const clock: Clock = {
    appealId: replay.appealId, clockId, kind, policyId: replay.policy.id, basis, startedAt,
    nominalDueDate: due.nominalDueDate, dueDate: due.dueDate, dueAt: due.dueAt, status: 'running',
  };
  replay.clocks.set(clockId, clock);
  return clock;
}

function stop(clock: Clock, at: string, outcome?: ClockOutcome): void {
  clock.status = 'stopped';
  clock.stoppedAt = at;
  clock.outcome = outcome ?? (Date.parse(at) <= Date.parse(clock.dueAt) ? 'met' : 'late');
}

function stopRunning(replay: Replay, kind: ClockKind, at: string, outcome: ClockOutcome): void {
  for (const clock of replay.clocks.values()) if (clock.kind === kind && clock.status === 'running') stop(clock, at, outcome);
}

function note(replay: Replay, event: LifecycleEvent, reason: string): void {
  replay.notes.push({ eventId: event.eventId, reason });
}
