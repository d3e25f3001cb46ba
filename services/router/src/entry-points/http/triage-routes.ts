import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { ComplaintAbout, LawKind, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { contestedUnitMessage } from '../../domain/complaint-addressee.js';
import { lawKindOf } from '../../domain/routing-messages.js';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TriageDecisionInput, TriageOutcome } from '../../domain/decide-triage.js';
import type { TriageEntry } from '../../data-access/triage-repository.js';

export const ListQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });
export const DecisionParams = z.strictObject({ appealId: z.uuid() });
export const DecisionBody = z
  .strictObject({
    topic: RoutingTopic,
    unit: UnitCode,
    /** Why, in the operator's words: for the supervisor; never required. */
    why: z.string().trim().max(2000).optional(),
    /** 59-FZ ст. 4: the operator's decision of the kind, when they make it here. */
    lawKind: LawKind.optional(),
    /** For a complaint: whom it contests, which the unit may not be (ст. 8 ч. 6). */
    complaintAbout: ComplaintAbout.optional(),
  })
  .refine((body) => body.complaintAbout === undefined || body.lawKind === 'complaint', { path: ['complaintAbout'], message: 'only a complaint names whom it contests (lawKind complaint)' });

export interface TriageRouteDeps {
  tokens: StaffTokens;
  triage: { list(limit: number): Promise<TriageEntry[]> };
  decideTriage(appealId: string, input: TriageDecisionInput, by: string): Promise<TriageOutcome>;
}

const PEOPLE_WHO_TRIAGE = ['intake-operator', 'supervisor'] as const;

/**
 * The triage queue for intake operators and supervisors: list what waits for a person, decide
 * one appeal's topic and unit. Listing shows the appeal's text, because deciding needs it.
 */
export function triageRoutes(app: FastifyInstance, deps: TriageRouteDeps): void {
  app.get('/v1/triage', async (request) => {
    await authenticateRequest(deps.tokens, request, [...PEOPLE_WHO_TRIAGE]);
    const { limit } = parseRequest(ListQuery, request.query);
    const entries = await deps.triage.list(limit);
    return {
      entries: entries.map(({ appeal, reason, suggestions, enteredAt, handBack }) => ({
        appealId: appeal.appealId,
        registrationNumber: appeal.registrationNumber,
        receivedAt: appeal.receivedAt,
        channel: appeal.channel,
        text: appeal.text,
        reason,
        suggestions,
        enteredAt: enteredAt.toISOString(),
        ...(handBack ? { handBack } : {}),
        ...lawKindOf(appeal),
      })),
    };
  });

  app.post('/v1/triage/:appealId/decision', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request, [...PEOPLE_WHO_TRIAGE]);
    const { appealId } = parseRequest(DecisionParams, request.params);
    const body = parseRequest(DecisionBody, request.body);
    const outcome = await deps.decideTriage(appealId, body, principal.staffId);
    switch (outcome.kind) {
      case 'not-found':
        throw RequestError.notFound('appealId', appealId, 'appeal in triage');
      case 'no-such-unit':
        throw new RequestError(400, 'validation_failed', `unit: no unit ${body.unit}`, [{ field: 'unit', message: 'no such unit' }]);
      case 'complaint-addressee':
        throw new RequestError(409, 'complaint_addressee', contestedUnitMessage(outcome.unit), [{ field: 'unit', message: 'the complaint contests this unit (59-ФЗ ст. 8 ч. 6)' }]);
      case 'already-decided':
        throw new RequestError(409, 'already_decided', `appealId: already decided (${outcome.decision.topic} to ${outcome.decision.unit})`, [
          { field: 'appealId', message: 'already decided' },
        ]);
      case 'decided': {
        const { topic, unit, by, eventId, decidedAt } = outcome.decision;
        return { appealId, topic, unit, by, eventId, decidedAt: decidedAt.toISOString() };
      }
    }
  });
}
