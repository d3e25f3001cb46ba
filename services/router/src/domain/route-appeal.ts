import type { AppealReceived, OutgoingMessage } from '@priemnaya/contracts';
import { decideRoute, type ModelOpinion, type RouteDecision, type RoutingData, type SuspendedTopics, type TopicModel } from './decide-route.js';
import { withoutContestedUnit } from './complaint-addressee.js';
import { suggestLawKind } from './law-kind-cues.js';
import { pendingOutcomeOf, type PendingOutcome } from './routing-outcome.js';
import { routedMessages, snapshotOf, triagedMessages, type AppealSnapshot } from './routing-messages.js';

/** Where in the input a message was read: the transaction that consumed it produced its results. */
export interface InputPosition {
  topic: string;
  partition: number;
  offset: string;
}

/** A decision as stored: made once per appeal, so a redelivered appeal is routed the same way. */
export interface DecisionRecord {
  appealId: string;
  decision: RouteDecision;
  /** What the model said, kept even when a rule decided, for the supervisor and for retraining. */
  model?: ModelOpinion;
  appeal?: AppealSnapshot;
  /** The first copy of the appeal in `appeals.received` that was decided. */
  source?: InputPosition;
  eventId: string;
  decidedAt: Date;
  publishedAt?: Date;
}

export interface RouteAppealPorts {
  decisions: {
    /** Returns `record` itself when it was inserted, else the decision stored before. */
    insertIfAbsent(record: DecisionRecord): Promise<DecisionRecord>;
    markPublished(appealId: string, at: Date): Promise<void>;
  };
  routingData: { current(): Promise<RoutingData> };
  model: () => TopicModel;
  /** The live precision guard: the topics it holds back from the model, and the outcomes it waits for. */
  guard: {
    suspended(): Promise<SuspendedTopics>;
    /** Idempotent by appeal id. */
    expect(pending: PendingOutcome): Promise<void>;
  };
  /** Puts a triaged appeal on the queue people work from (idempotent by appeal id). */
  triageQueue: { enter(appeal: AppealSnapshot, reason: RouteDecision['reason'], model: ModelOpinion | undefined, at: Date): Promise<void> };
  /** Makes sure `tasks.<unit>` exists before the first task is produced to it. */
  unitTopics: { ensure(unit: string): Promise<void> };
  maxTextLength: number;
  clock: () => Date;
  newId: () => string;
}

export interface RoutedAppeal {
  record: DecisionRecord;
  /** To produce in the transaction that consumes the appeal; empty for a later copy of an appeal already routed. */
  messages: OutgoingMessage[];
  /** Marks the decision published once the transaction has committed. */
  committed(): Promise<void>;
}

/**
 * Decides one appeal from `appeals.received` and returns the messages that move it to its unit's
 * task topic or to triage. The decision is stored before anything is produced, so a redelivery
 * (the transaction aborted, the router was killed) produces the same messages with the same event
 * id. A second copy of an appeal further on in the same partition produces nothing: the copy
 * before it was consumed by a committed transaction, or is in the same one.
 */
export function createRouteAppeal(ports: RouteAppealPorts) {
  return async function routeAppeal(appeal: AppealReceived, position: InputPosition): Promise<RoutedAppeal> {
    // Decide, then insert: the insert fails only for an appeal decided before (a redelivery or a
    // second copy), so the common case costs no read.
    const [data, suspended] = await Promise.all([ports.routingData.current(), ports.guard.suspended()]);
    const facts = { text: appeal.text, channel: appeal.channel, platformCategory: appeal.platform?.category, problemAddress: appeal.problemAddress };
    const outcome = decideRoute(facts, data, ports.model(), ports.maxTextLength, suspended);
    const fresh: DecisionRecord = {
      appealId: appeal.appealId,
      // 59-FZ ст. 8 ч. 6: never to the unit a complaint contests, whatever chose it.
      decision: withoutContestedUnit(appeal, outcome.decision),
      ...(outcome.model ? { model: outcome.model } : {}),
      appeal: snapshotOf(appeal),
      source: position,
      eventId: ports.newId(),
      decidedAt: ports.clock(),
    };
    const record = await ports.decisions.insertIfAbsent(fresh);
    if (record !== fresh && isLaterCopy(record, position)) return { record, messages: [], committed: async () => undefined };

    const { decision } = record;
    const snapshot = record.appeal ?? snapshotOf(appeal);
    // Before anything is produced: the unit's answer or hand-back can only follow the task.
    const pending = pendingOutcomeOf(record.appealId, decision, record.decidedAt);
    if (pending) await ports.guard.expect(pending);
    if (decision.kind === 'route') await ports.unitTopics.ensure(decision.unit);
    else await ports.triageQueue.enter(snapshot, decision.reason, record.model, record.decidedAt);
    const messages =
      decision.kind === 'route'
        ? routedMessages(snapshot, decision, record.eventId, record.decidedAt)
        : triagedMessages(snapshot, decision.reason, record.eventId, record.decidedAt);
    const appealId = appeal.appealId;
    return { record, messages: withLawKindSuggestion(snapshot, messages), committed: () => ports.decisions.markPublished(appealId, ports.clock()) };
  };
}

/**
 * 59-FZ ст. 4: the kind the text suggests, when intake did not say, rides on the routing event as
 * a suggestion for a person to confirm; one event per appeal still records its routing. A pure
 * function of the stored text, so a redelivery produces the same event.
 */
function withLawKindSuggestion(appeal: AppealSnapshot, messages: OutgoingMessage[]): OutgoingMessage[] {
  if (appeal.lawKind !== undefined && appeal.lawKind !== 'undecided') return messages;
  const lawKindSuggestion = suggestLawKind(appeal.text);
  if (lawKindSuggestion === undefined) return messages;
  return messages.map((message) => {
    if (message.topic !== 'appeals.events') return message;
    const { payload } = message;
    if (payload.type !== 'appeal.routed' && payload.type !== 'appeal.triaged') return message;
    return { topic: 'appeals.events', payload: { ...payload, lawKindSuggestion } };
  });
}

function isLaterCopy(record: DecisionRecord, position: InputPosition): boolean {
  // Decided before positions were kept (at-least-once routing): published means produced.
  if (record.source === undefined) return record.publishedAt !== undefined;
  const { source } = record;
  return source.topic === position.topic && source.partition === position.partition && BigInt(position.offset) > BigInt(source.offset);
}
