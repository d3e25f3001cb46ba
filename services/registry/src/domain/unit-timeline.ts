import type { UnitCode } from '@priemnaya/contracts';
import type { LocalDate } from '@priemnaya/deadlines';
import { distinctSorted, type AppealFact } from './appeal-facts.js';
import type { AppealDeadlines } from './answer-deadline.js';
import { cityDate } from './unit-days.js';

/** What a unit did on a day, one mark per event: counted, never summed into a number in place. */
export type UnitDayMarkKind = 'received' | 'answered' | 'answered-on-time';

export interface UnitDayMark {
  /** `<appealId>:<eventId>:<kind>`: the same event gives the same mark, so a repeat adds nothing. */
  id: string;
  unit: UnitCode;
  date: LocalDate;
  kind: UnitDayMarkKind;
}

/** A stretch of time a unit held the appeal or its part, open until `to` (absent: still open). */
export interface UnitSpan {
  unit: UnitCode;
  part: 'lead' | 'co-executor';
  from: string;
  to?: string;
  /** When the unit's work is due (the appeal's answer, or the part's own term); absent while unknown. */
  dueAt?: string;
}

export interface UnitTimeline {
  marks: UnitDayMark[];
  spans: UnitSpan[];
}

/**
 * An answer is on time when given on or before the instant it was due (the end of the due day in
 * the city), the approved extensions included. With no deadline known it is not counted on time.
 */
export function isOnTime(answeredAt: string, dueAt: string | undefined): boolean {
  return dueAt !== undefined && Date.parse(answeredAt) <= Date.parse(dueAt);
}

/**
 * What the appeal's facts mean for its units' charts. How the work is counted:
 * - the lead unit: received when an appeal is routed to it (a routing to the unit already leading
 *   counts once), open until it answers, the appeal is forwarded or closed, or it leaves the unit
 *   (a hand-back, a new triage or a re-routing elsewhere). A hand-back moves the appeal to the
 *   unit it is routed to next, from that routing on: in between it is open in no unit.
 * - a co-executor unit: its part is received when the unit is added, answered when the unit
 *   answers its part (on time against the part's own term), and open until then, or until the
 *   appeal is answered, forwarded, closed or handed back, which withdraws the open parts.
 * - answered counts the lead's answer for the lead unit, and each part's answer for its unit.
 * The deadlines are the appeal's as its facts now stand (approved extensions included).
 */
export function unitTimeline(facts: readonly AppealFact[], deadlines: AppealDeadlines, zone: string): UnitTimeline {
  const marks: UnitDayMark[] = [];
  const spans: UnitSpan[] = [];
  let lead: UnitSpan | undefined;
  const parts = new Map<UnitCode, UnitSpan>();

  const mark = (fact: AppealFact, unit: UnitCode, kind: UnitDayMarkKind) =>
    marks.push({ id: `${fact.appealId}:${fact.eventId}:${kind}`, unit, date: cityDate(fact.occurredAt, zone), kind });
  const answeredBy = (fact: AppealFact, unit: UnitCode, dueAt: string | undefined) => {
    mark(fact, unit, 'answered');
    if (isOnTime(fact.occurredAt, dueAt)) mark(fact, unit, 'answered-on-time');
  };
  const endLead = (at: string) => {
    if (lead !== undefined) lead.to = at;
    lead = undefined;
  };
  const endParts = (at: string) => {
    for (const part of parts.values()) part.to = at;
    parts.clear();
  };
  const open = (span: UnitSpan, dueAt: string | undefined): UnitSpan => {
    if (dueAt !== undefined) span.dueAt = dueAt;
    spans.push(span);
    return span;
  };

  for (const fact of distinctSorted(facts)) {
    const at = fact.occurredAt;
    switch (fact.type) {
      case 'appeal.routed':
      case 'appeal.triage-decided':
        if (lead?.unit === fact.unit) break;
        endLead(at);
        lead = open({ unit: fact.unit, part: 'lead', from: at }, deadlines.answer?.dueAt);
        mark(fact, fact.unit, 'received');
        break;
      case 'appeal.triaged':
      case 'appeal.handed-back':
        endLead(at);
        endParts(at);
        break;
      case 'appeal.co-executor-added': {
        const unit = fact.coExecutorUnit;
        if (parts.has(unit) || lead?.unit === unit) break;
        parts.set(unit, open({ unit, part: 'co-executor', from: at }, deadlines.partDueAt[unit] ?? deadlines.answer?.dueAt));
        mark(fact, unit, 'received');
        break;
      }
      case 'appeal.co-executor-answered': {
        answeredBy(fact, fact.unit, deadlines.partDueAt[fact.unit] ?? deadlines.answer?.dueAt);
        const part = parts.get(fact.unit);
        if (part !== undefined) part.to = at;
        parts.delete(fact.unit);
        break;
      }
      case 'appeal.answered':
        answeredBy(fact, fact.unit, deadlines.answer?.dueAt);
        endLead(at);
        endParts(at);
        break;
      case 'appeal.forwarded':
        // 59-FZ ст. 8 ч. 4: after a partial forwarding the unit still answers the rest.
        if (fact.partial === true) break;
        endLead(at);
        endParts(at);
        break;
      case 'appeal.closed':
      case 'appeal.returned-to-citizen':
        endLead(at);
        endParts(at);
        break;
      default:
        // Registration, assignment, acceptance, extensions and the start of forwarding move no
        // appeal into or out of a unit.
        break;
    }
  }
  return { marks, spans };
}
