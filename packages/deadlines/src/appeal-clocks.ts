import type { ClockKind, PolicySet } from './deadline-policy.js';
import { compareEvents, type LifecycleEvent } from './lifecycle-events.js';
import type { ProductionCalendar } from './production-calendar.js';
import { replayClocks } from './clock-replay.js';

export type ClockStatus = 'running' | 'stopped';
/** Why a clock stopped: in time, late, or because something else took over. */
export type ClockOutcome = 'met' | 'late' | 'extended' | 'forwarded' | 'closed' | 'withdrawn';

export interface ExtensionRecord {
  eventId: string;
  days: number;
  decidedBy: string;
  reason: string;
}

/** One legal clock of one appeal. */
export interface Clock {
  appealId: string;
  /** `answer`, `extended-answer`, `co-executor:<unit>`...; unique within the appeal. */
  clockId: string;
  kind: ClockKind;
  policyId: string;
  /** The article the term comes from, copied from the policy. */
  basis: string;
  /** The unit that must act: the routed unit, or the co-executor's. */
  unit?: string;
  startedAt: string;
  nominalDueDate: string;
  dueDate: string;
  dueAt: string;
  status: ClockStatus;
  stoppedAt?: string;
  outcome?: ClockOutcome;
  extensions?: ExtensionRecord[];
  /**
   * Counted through a year whose decree on transfers is not entered: the due date may move when
   * it is, so staff see it marked; nothing else changes.
   */
  provisional?: true;
}

/** Why an event changed nothing; for audit and logs, never an alert. */
export interface ClockNote {
  eventId: string;
  reason: string;
}

/**
 * Everything the clocks of one appeal are derived from, and the clocks themselves. The clocks
 * are a function of the set of events (replayed in `compareEvents` order), the policies and the
 * calendar: any arrival order and any repetition of the same events give the same clocks.
 */
export interface AppealClocks {
  appealId: string;
  /** Distinct events, in replay order. */
  events: LifecycleEvent[];
  policyId?: string;
  clocks: Clock[];
  /** What the replay could not use (an answer before registration, an extension over the limit...). */
  notes: ClockNote[];
  /** Events refused on arrival: for another appeal, or a reused id with other content. */
  refused: ClockNote[];
}

export function emptyAppealClocks(appealId: string): AppealClocks {
  return { appealId, events: [], clocks: [], notes: [], refused: [] };
}

/**
 * Applies one lifecycle event. Idempotent on the event id: a repeat returns the state unchanged
 * (the same object, so a caller can skip the write); order-tolerant: every apply replays all
 * known events in time order, so a late event lands where it belongs.
 */
export function applyLifecycleEvent(
  state: AppealClocks,
  event: LifecycleEvent,
  policies: PolicySet,
  calendar: ProductionCalendar,
): AppealClocks {
  if (event.appealId !== state.appealId) {
    return refuse(state, event.eventId, `event for appeal ${event.appealId}, not ${state.appealId}`);
  }
  const known = state.events.find((candidate) => candidate.eventId === event.eventId);
  if (known !== undefined) {
    if (stableJson(known) === stableJson(event)) return state;
    // Kafka redelivers identical copies; different content under one id is a producer's fault,
    // and the first version is the one the clocks already acted on.
    return refuse(state, event.eventId, 'event id reused with different content; the first version is kept');
  }
  const events = [...state.events, event].sort(compareEvents);
  return { ...replayClocks(state.appealId, events, policies, calendar), refused: state.refused };
}

/** Recomputes the clocks after the policies or the calendar changed; the events stay as they are. */
export function replanClocks(state: AppealClocks, policies: PolicySet, calendar: ProductionCalendar): AppealClocks {
  return { ...replayClocks(state.appealId, state.events, policies, calendar), refused: state.refused };
}

/** The clock whose deadline governs the answer: the extended one once an extension is approved. */
export function controllingClock(state: Pick<AppealClocks, 'clocks'>): Clock | undefined {
  return state.clocks.find((clock) => clock.kind === 'extended-answer') ?? state.clocks.find((clock) => clock.kind === 'answer');
}

function refuse(state: AppealClocks, eventId: string, reason: string): AppealClocks {
  if (state.refused.some((note) => note.eventId === eventId && note.reason === reason)) return state;
  return { ...state, refused: [...state.refused, { eventId, reason }] };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
