import type { AppealStatus, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import type { AppealFact, AppealFactType } from './appeal-facts.js';

/** The status a fact sets, or undefined when it is only a fact on the card. */
export function statusSetBy(fact: AppealFact): AppealStatus | undefined {
  switch (fact.type) {
    case 'appeal.received':
      return 'received';
    case 'appeal.triaged':
    case 'appeal.handed-back':
      return 'triage';
    case 'appeal.routed':
    case 'appeal.triage-decided':
      return 'routed';
    case 'appeal.accepted':
      return 'accepted';
    case 'appeal.forwarding-started':
      return 'forwarding';
    case 'appeal.forwarded':
      // 59-FZ ст. 8 ч. 4: part forwarded, the rest still in work here.
      return fact.partial === true ? 'accepted' : 'forwarded';
    case 'appeal.answered':
      return 'answered';
    case 'appeal.closed':
    case 'appeal.returned-to-citizen':
      return 'closed';
    default:
      return undefined;
  }
}

/** One line of the public history: what happened and when, with no person and no words. */
export interface PublicHistoryLine {
  type: AppealFactType;
  occurredAt: string;
  status?: AppealStatus;
  unit?: UnitCode;
  topic?: RoutingTopic;
}

export function publicLine(fact: AppealFact): PublicHistoryLine {
  const status = statusSetBy(fact);
  const line: PublicHistoryLine = { type: fact.type, occurredAt: fact.occurredAt, ...(status !== undefined ? { status } : {}) };
  // A hand-back names the unit that gave the appeal up; the public line shows only who holds it.
  if ('unit' in fact && fact.type !== 'appeal.handed-back') line.unit = fact.unit;
  if ('topic' in fact) line.topic = fact.topic;
  return line;
}

/** One line of the staff history: every fact with who, when, why and what it carried. */
export interface StaffHistoryLine extends PublicHistoryLine {
  eventId: string;
  by?: string;
  why?: string;
  details: Record<string, unknown>;
}

/** Fields every fact repeats, or that the line names on its own. */
const COMMON = new Set(['version', 'eventId', 'appealId', 'registrationNumber', 'occurredAt', 'channel', 'receivedAt', 'type', 'by', 'unit', 'topic', 'why', 'justification']);

export function staffLine(fact: AppealFact): StaffHistoryLine {
  const line: StaffHistoryLine = { eventId: fact.eventId, ...publicLine(fact), details: {} };
  if (fact.type === 'appeal.received') {
    // The author and the text are on the card once; the line says how the appeal came.
    line.details = { channel: fact.channel, kind: fact.kind, ...(fact.reception ? { by: fact.reception.operatorId } : {}) };
    if (fact.reception) line.by = fact.reception.operatorId;
    return line;
  }
  if ('by' in fact) line.by = fact.by;
  if ('unit' in fact) line.unit = fact.unit;
  const why = 'why' in fact ? fact.why : 'justification' in fact ? fact.justification : fact.type === 'appeal.handed-back' ? fact.reason : undefined;
  if (why !== undefined) line.why = why;
  for (const [key, value] of Object.entries(fact)) {
    if (!COMMON.has(key) && !(fact.type === 'appeal.handed-back' && key === 'reason')) line.details[key] = value;
  }
  return line;
}
