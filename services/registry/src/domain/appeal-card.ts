import type {
  AppealAnswer,
  AppealAssigned,
  AppealClosed,
  AppealCorrespondenceEnded,
  AppealReturnedToCitizen,
  AppealStatus,
  ComplaintAbout,
  LawKind,
  LawKindSuggestion,
  LeftWithoutAnswerPart,
  OutsideAuthority,
  RoutingReason,
  RoutingTopic,
  UnitCode,
} from '@priemnaya/contracts';
import { forwardedAuthorities } from '@priemnaya/contracts';
import { distinctSorted, type AppealFact, type ReceivedFact } from './appeal-facts.js';

export interface Assignment {
  executorId: string;
  mode: AppealAssigned['mode'];
  by: string;
  at: string;
  previousExecutorId?: string;
  why?: string;
}

export interface CoExecutor {
  unit: UnitCode;
  /** Absent when only the unit's answer is known (the addition event is missing). */
  addedBy?: string;
  addedAt?: string;
  why?: string;
  answered: boolean;
  answer?: AppealAnswer & { by: string; at: string };
  /** Who in the co-executor unit holds its part, and when they took it into work. */
  executorId?: string;
  acceptedAt?: string;
}

export interface ExtensionDecision {
  outcome: 'approved' | 'refused';
  by: string;
  at: string;
  why: string;
  days?: number;
}

export interface Extension {
  requestId: string;
  /** Absent when only the decision is known (the request event is missing). */
  request?: { by: string; at: string; days: number; justification: string };
  decision?: ExtensionDecision;
}

export interface Forwarding {
  authority: OutsideAuthority;
  /** Every body a copy goes to, `authority` first (59-FZ ст. 8 ч. 4). */
  authorities: OutsideAuthority[];
  /** Only some questions went; the rest is answered here. */
  partial: boolean;
  startedBy?: string;
  startedAt?: string;
  why?: string;
  sentBy?: string;
  sentAt?: string;
  outgoingNumber?: string;
}

/**
 * The appeal's kind in the law's sense (59-FZ ст. 4) as last decided. `suggested`: only the
 * classifier said so, and no person has confirmed it yet.
 */
export interface LawKindOnCard {
  kind: LawKind;
  suggested: boolean;
  /** The staff id of who decided; absent for the classifier's suggestion and for intake's own. */
  by?: string;
  /** The cue words the classifier went by. */
  cues?: string[];
  at: string;
  complaintAbout?: ComplaintAbout;
}

/** The appeal's tags as last set, which deadline policies match (59-FZ ст. 12 ч. 1.1), and who set them. */
export interface TagsOnCard {
  tags: string[];
  by: string;
  unit: UnitCode;
  at: string;
  why?: string;
}

/** What the citizen wrote and who they are: shown only on the staff card. */
export type AppealContent = Omit<ReceivedFact, 'type' | 'eventId' | 'occurredAt' | 'appealId' | 'registrationNumber' | 'channel' | 'receivedAt' | 'version'>;

/** Everything the registry knows about one appeal, folded from its facts. */
export interface AppealCard {
  id: string;
  registrationNumber: string;
  channel: string;
  receivedAt: string;
  /** Absent while only facts that set no status are known (an assignment before the routing arrived). */
  status?: AppealStatus;
  /** When the shown status was set. */
  statusAt?: string;
  leadUnit?: UnitCode;
  topic?: RoutingTopic;
  routingReason?: RoutingReason;
  executor?: Assignment;
  coExecutors: CoExecutor[];
  extensions: Extension[];
  /** The sum of approved extensions, as decided; the deadline applies the legal cap. */
  extensionDaysApproved: number;
  forwarding?: Forwarding;
  answer?: AppealAnswer & { by: string; unit: UnitCode; at: string };
  closing?: { outcome: AppealClosed['outcome']; by: string; at: string; why?: string; article11Part?: LeftWithoutAnswerPart };
  /** The head ended the correspondence on a repeated question (59-FZ ст. 11 ч. 5). */
  correspondenceEnded?: { by: string; decidedAs: AppealCorrespondenceEnded['decidedAs']; earlierAppealIds: string[]; at: string; why: string };
  lawKind: LawKindOnCard;
  /** Absent until someone tags the appeal; an empty list when the tags were cleared. */
  tags?: TagsOnCard;
  /** The complaint went back to the citizen (59-FZ ст. 8 ч. 7); the status is then closed. */
  returned?: { reason: AppealReturnedToCitizen['reason']; basis: string; by: string; unit: UnitCode; at: string; why?: string };
  content?: AppealContent;
}

/**
 * The card of an appeal from its facts, in any order and with any repetition: the facts are
 * made distinct by event id and folded in `compareFacts` order, so the card is a function of the
 * set of facts. The latest status-setting fact decides the status.
 */
export function foldCard(facts: readonly AppealFact[]): AppealCard | undefined {
  const sorted = distinctSorted(facts);
  const first = sorted[0];
  if (first === undefined) return undefined;
  const card: AppealCard = {
    id: first.appealId,
    registrationNumber: first.registrationNumber,
    channel: first.channel,
    receivedAt: first.receivedAt,
    coExecutors: [],
    extensions: [],
    extensionDaysApproved: 0,
    lawKind: { kind: 'undecided', suggested: false, at: first.receivedAt },
  };
  for (const fact of sorted) applyFact(card, fact);
  card.extensionDaysApproved = card.extensions.reduce((sum, { decision }) => sum + (decision?.outcome === 'approved' ? (decision.days ?? 0) : 0), 0);
  return card;
}

function setStatus(card: AppealCard, status: AppealStatus, at: string): void {
  card.status = status;
  card.statusAt = at;
}

function extension(card: AppealCard, requestId: string): Extension {
  let found = card.extensions.find((candidate) => candidate.requestId === requestId);
  if (found === undefined) {
    found = { requestId };
    card.extensions.push(found);
  }
  return found;
}

function coExecutor(card: AppealCard, unit: UnitCode): CoExecutor {
  let found = card.coExecutors.find((candidate) => candidate.unit === unit);
  if (found === undefined) {
    // A part answered before the addition is known: the unit is a co-executor all the same.
    found = { unit, answered: false };
    card.coExecutors.push(found);
  }
  return found;
}

function applyFact(card: AppealCard, fact: AppealFact): void {
  const at = fact.occurredAt;
  switch (fact.type) {
    case 'appeal.received': {
      const { type: _t, eventId: _e, occurredAt: _o, appealId: _a, registrationNumber: _r, channel: _c, receivedAt: _ra, version: _v, ...content } = fact;
      card.content = content;
      // What intake said of the kind, unless a later decision is already folded in (a late registration).
      if (fact.lawKind !== undefined && card.lawKind.kind === 'undecided' && card.lawKind.by === undefined) {
        card.lawKind = { kind: fact.lawKind, suggested: false, at, ...(fact.complaintAbout !== undefined ? { complaintAbout: fact.complaintAbout } : {}) };
      }
      // A late registration never hides a later status: it is the first fact in time.
      if (card.status === undefined) setStatus(card, 'received', at);
      return;
    }
    case 'appeal.triaged':
    case 'appeal.handed-back':
      // Back to deciding who answers: no unit holds it until the next routing.
      setStatus(card, 'triage', at);
      delete card.leadUnit;
      delete card.topic;
      delete card.executor;
      card.routingReason = fact.type === 'appeal.triaged' ? fact.reason : { kind: 'hand-back', handedBackBy: fact.by, fromUnit: fact.unit };
      if (fact.type === 'appeal.triaged') suggestLawKind(card, fact.lawKindSuggestion, at);
      return;
    case 'appeal.routed':
    case 'appeal.triage-decided':
      setStatus(card, 'routed', at);
      // An executor of another unit no longer holds a re-routed appeal.
      if (card.leadUnit !== fact.unit) delete card.executor;
      card.leadUnit = fact.unit;
      card.topic = fact.topic;
      card.routingReason = fact.type === 'appeal.routed' ? fact.reason : { kind: 'triage-decision', decidedBy: fact.by };
      if (fact.type === 'appeal.routed') suggestLawKind(card, fact.lawKindSuggestion, at);
      return;
    case 'appeal.assigned':
      // A co-executor unit assigns its own part: the lead's executor stays on the card.
      if (!isLeadsAction(card, fact.unit)) {
        coExecutor(card, fact.unit).executorId = fact.executorId;
        return;
      }
      card.executor = {
        executorId: fact.executorId, mode: fact.mode, by: fact.by, at,
        ...(fact.previousExecutorId !== undefined ? { previousExecutorId: fact.previousExecutorId } : {}),
        ...(fact.why !== undefined ? { why: fact.why } : {}),
      };
      return;
    case 'appeal.accepted':
      // A co-executor taking its part into work does not move the appeal's status (which may
      // already be answered by the lead).
      if (!isLeadsAction(card, fact.unit)) {
        coExecutor(card, fact.unit).acceptedAt = at;
        return;
      }
      return setStatus(card, 'accepted', at);
    case 'appeal.co-executor-added': {
      const part = coExecutor(card, fact.coExecutorUnit);
      Object.assign(part, { addedBy: fact.by, addedAt: at, why: fact.why });
      return;
    }
    case 'appeal.co-executor-answered': {
      const part = coExecutor(card, fact.unit);
      part.answered = true;
      part.answer = { ...fact.answer, by: fact.by, at };
      return;
    }
    case 'appeal.extension-requested':
      extension(card, fact.requestId).request = { by: fact.by, at, days: fact.days, justification: fact.justification };
      return;
    case 'appeal.extension-approved':
      extension(card, fact.requestId).decision = { outcome: 'approved', by: fact.by, at, why: fact.why, days: fact.days };
      return;
    case 'appeal.extension-refused':
      extension(card, fact.requestId).decision = { outcome: 'refused', by: fact.by, at, why: fact.why };
      return;
    case 'appeal.forwarding-started':
      setStatus(card, 'forwarding', at);
      card.forwarding = {
        ...card.forwarding, authority: fact.authority, authorities: forwardedAuthorities(fact), partial: fact.partial === true,
        startedBy: fact.by, startedAt: at, why: fact.why,
      };
      return;
    case 'appeal.forwarded':
      // 59-FZ ст. 8 ч. 4: after a partial forwarding the rest is still answered here, in work.
      setStatus(card, fact.partial === true ? 'accepted' : 'forwarded', at);
      card.forwarding = {
        ...card.forwarding, authority: fact.authority, authorities: forwardedAuthorities(fact), partial: fact.partial === true, sentBy: fact.by, sentAt: at,
        ...(fact.outgoingNumber !== undefined ? { outgoingNumber: fact.outgoingNumber } : {}),
      };
      return;
    case 'appeal.answered':
      setStatus(card, 'answered', at);
      card.answer = { ...fact.answer, by: fact.by, unit: fact.unit, at };
      return;
    case 'appeal.closed':
      setStatus(card, 'closed', at);
      card.closing = {
        outcome: fact.outcome, by: fact.by, at,
        ...(fact.why !== undefined ? { why: fact.why } : {}),
        ...(fact.article11Part !== undefined ? { article11Part: fact.article11Part } : {}),
      };
      return;
    case 'appeal.correspondence-ended':
      card.correspondenceEnded = { by: fact.by, decidedAs: fact.decidedAs, earlierAppealIds: fact.earlierAppealIds, at, why: fact.why };
      return;
    case 'appeal.law-kind-decided': {
      // A suggestion never overrides what a person decided.
      const suggested = fact.decidedBy.kind === 'classifier';
      if (suggested && card.lawKind.by !== undefined) return;
      card.lawKind = {
        kind: fact.lawKind, suggested, at,
        ...(fact.decidedBy.kind === 'staff' ? { by: fact.decidedBy.staffId } : { cues: fact.decidedBy.cues }),
        ...(fact.complaintAbout !== undefined ? { complaintAbout: fact.complaintAbout } : {}),
      };
      return;
    }
    case 'appeal.tags-set':
      // Each event carries the whole set, so the latest replaces the rest.
      card.tags = { tags: fact.tags, by: fact.by, unit: fact.unit, at, ...(fact.why !== undefined ? { why: fact.why } : {}) };
      return;
    case 'appeal.returned-to-citizen':
      setStatus(card, 'closed', at);
      card.returned = { reason: fact.reason, basis: fact.basis, by: fact.by, unit: fact.unit, at, ...(fact.why !== undefined ? { why: fact.why } : {}) };
      return;
  }
}

/** The router's suggestion of the kind (59-FZ ст. 4) shows only while nobody has decided it. */
function suggestLawKind(card: AppealCard, suggestion: LawKindSuggestion | undefined, at: string): void {
  if (suggestion === undefined || card.lawKind.by !== undefined || (card.lawKind.kind !== 'undecided' && !card.lawKind.suggested)) return;
  card.lawKind = { kind: suggestion.lawKind, suggested: true, cues: suggestion.cues, at };
}

/** Whether an executor's action was the lead unit's (or nobody leads: it cannot be a part). */
function isLeadsAction(card: AppealCard, unit: UnitCode): boolean {
  return card.leadUnit === undefined || card.leadUnit === unit;
}

/** The units whose staff work on the appeal: the lead unit and every co-executor unit. */
export function unitsOf(card: Pick<AppealCard, 'leadUnit' | 'coExecutors'>): UnitCode[] {
  return [...(card.leadUnit !== undefined ? [card.leadUnit] : []), ...card.coExecutors.map(({ unit }) => unit).filter((unit) => unit !== card.leadUnit)];
}
