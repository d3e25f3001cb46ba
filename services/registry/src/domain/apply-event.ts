import type { AppealEvent, AppealReceived, AppealStatus, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';

/**
 * How far along the lifecycle a status is, to order facts that happened in the same
 * millisecond: registration comes before triage, triage before routing.
 */
export const STATUS_RANK: Record<AppealStatus, number> = {
  received: 0,
  triage: 1,
  routed: 2,
  accepted: 3,
  forwarding: 4,
  forwarded: 5,
  answered: 6,
  closed: 7,
};

/**
 * The position of a status change among an appeal's changes: when it happened, then its rank.
 * Facts arrive from two topics in any order, so the read model keeps the status with the
 * greatest position; a late `received` never hides `routed`, while a later change of any kind
 * (a reroute, a return to triage) still replaces an earlier one. Timestamps are normalised
 * ISO text, so the text order is the time order.
 */
export function statusOrder(status: { at: string; rank: number }): string {
  return `${status.at}|${String(status.rank).padStart(3, '0')}`;
}

export interface HistoryEntry {
  eventId: string;
  appealId: string;
  type: 'appeal.received' | AppealEvent['type'];
  occurredAt: string;
  /** The status this fact set, when it set one. */
  status: AppealStatus | undefined;
  unit?: UnitCode;
  topic?: RoutingTopic;
  reason?: RoutingReason;
}

/** What one fact changes in the read model: a history line and, if it is newer, the status. */
export interface ReadModelChange {
  history: HistoryEntry;
  facts: {
    registrationNumber: string;
    channel: string;
    receivedAt: string;
  };
  /** Absent when the fact leaves the status as it is (an assignment, an extension request). */
  status?: { status: AppealStatus; rank: number; unit?: UnitCode; topic?: RoutingTopic; reason?: RoutingReason; at: string };
  received?: Pick<AppealReceived, 'author' | 'text' | 'problemAddress' | 'location' | 'externalId'>;
}

export function changeFromReceived(appeal: AppealReceived): ReadModelChange {
  return {
    history: {
      // One appeal is received once; its id makes a redelivery land on the same history line.
      eventId: `received:${appeal.appealId}`,
      appealId: appeal.appealId,
      type: 'appeal.received',
      occurredAt: appeal.receivedAt,
      status: 'received',
    },
    facts: { registrationNumber: appeal.registrationNumber, channel: appeal.channel, receivedAt: appeal.receivedAt },
    status: { status: 'received', rank: STATUS_RANK.received, at: appeal.receivedAt },
    received: {
      author: appeal.author,
      text: appeal.text,
      ...(appeal.problemAddress !== undefined ? { problemAddress: appeal.problemAddress } : {}),
      ...(appeal.location !== undefined ? { location: appeal.location } : {}),
      ...(appeal.externalId !== undefined ? { externalId: appeal.externalId } : {}),
    },
  };
}

export function changeFromEvent(event: AppealEvent): ReadModelChange {
  const facts = { registrationNumber: event.registrationNumber, channel: event.channel, receivedAt: event.receivedAt };
  const base = { eventId: event.eventId, appealId: event.appealId, type: event.type, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'appeal.routed':
      return {
        history: { ...base, status: 'routed', unit: event.unit, topic: event.topic, reason: event.reason },
        facts,
        status: { status: 'routed', rank: STATUS_RANK.routed, unit: event.unit, topic: event.topic, reason: event.reason, at: event.occurredAt },
      };
    case 'appeal.triaged':
      return {
        history: { ...base, status: 'triage', reason: event.reason },
        facts,
        status: { status: 'triage', rank: STATUS_RANK.triage, reason: event.reason, at: event.occurredAt },
      };
    case 'appeal.triage-decided': {
      // A person's decision routes the appeal as the router would: the task follows.
      const reason: RoutingReason = { kind: 'triage-decision', decidedBy: event.by };
      return {
        history: { ...base, status: 'routed', unit: event.unit, topic: event.topic, reason },
        facts,
        status: { status: 'routed', rank: STATUS_RANK.routed, unit: event.unit, topic: event.topic, reason, at: event.occurredAt },
      };
    }
    case 'appeal.accepted':
      return workStatus(base, facts, event, 'accepted');
    case 'appeal.forwarding-started':
      return workStatus(base, facts, event, 'forwarding');
    case 'appeal.forwarded':
      return workStatus(base, facts, event, 'forwarded');
    case 'appeal.answered':
      return workStatus(base, facts, event, 'answered');
    case 'appeal.closed':
      return workStatus(base, facts, event, 'closed');
    // Facts on the card that leave the status as it is.
    case 'appeal.assigned':
    case 'appeal.co-executor-answered':
    case 'appeal.co-executor-added':
    case 'appeal.extension-requested':
    case 'appeal.extension-approved':
    case 'appeal.extension-refused':
      return { history: { ...base, status: undefined, unit: event.unit }, facts };
    case 'appeal.handed-back': {
      // Back to deciding who answers until the router's re-route (a later event) settles it.
      const reason: RoutingReason = { kind: 'hand-back', handedBackBy: event.by, fromUnit: event.unit };
      return {
        history: { ...base, status: 'triage', reason },
        facts,
        status: { status: 'triage', rank: STATUS_RANK.triage, reason, at: event.occurredAt },
      };
    }
  }
}

/** An executor's action that moves the status; the unit and topic stay those of the routing. */
function workStatus(
  base: Pick<HistoryEntry, 'eventId' | 'appealId' | 'type' | 'occurredAt'>,
  facts: ReadModelChange['facts'],
  event: Extract<AppealEvent, { unit: UnitCode; by: string }>,
  status: AppealStatus,
): ReadModelChange {
  return {
    history: { ...base, status, unit: event.unit },
    facts,
    status: { status, rank: STATUS_RANK[status], unit: event.unit, at: event.occurredAt },
  };
}
