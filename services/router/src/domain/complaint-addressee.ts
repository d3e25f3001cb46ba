import { COMPLAINT_ADDRESSEE_RULE, type RoutingReason, type UnitCode } from '@priemnaya/contracts';
import type { RouteDecision } from './decide-route.js';
import type { AppealSnapshot } from './routing-messages.js';

type Facts = Pick<AppealSnapshot, 'lawKind' | 'complaintAbout'>;

/** Whether the appeal is a complaint against this unit, which it may never be sent to (59-FZ ст. 8 ч. 6). */
export function contestsUnit(appeal: Facts, unit: UnitCode): boolean {
  return appeal.lawKind === 'complaint' && appeal.complaintAbout?.unit === unit;
}

/** The refusal as staff read it, naming the rule. */
export function contestedUnitMessage(unit: UnitCode): string {
  return `unit: the complaint contests ${unit}, and a complaint is never sent to the body or official whose decision or action it contests (${COMPLAINT_ADDRESSEE_RULE}); choose another unit, or the executor returns it to the citizen (59-ФЗ ст. 8 ч. 7)`;
}

/**
 * The router's own decision, unless it would send a complaint to the unit it contests: then a
 * person decides in triage, with that reason, where else it may go.
 */
export function withoutContestedUnit(appeal: Facts, decision: RouteDecision): RouteDecision {
  if (decision.kind !== 'route' || !contestsUnit(appeal, decision.unit)) return decision;
  const reason: RoutingReason = { kind: 'complaint-addressee', unit: decision.unit, from: 'routing' };
  return { kind: 'triage', reason };
}
