import { authenticateRequest, forbidden, type StaffPrincipal, type StaffTokens } from '@priemnaya/auth';
import { AppealId, AppealStatus, Channel, LawKind, RegistrationNumber, RoutingTopic, Timestamp, UnitCode } from '@priemnaya/contracts';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppealDossier, AppealReadModel } from '../../data-access/appeal-read-model.js';
import type { ReadAudit, ReadKind } from '../../data-access/read-audit.js';
import { unitsOf } from '../../domain/appeal-card.js';
import { staffLine } from '../../domain/history-lines.js';
import { mayReadAudit, mayReadCard, searchScope, type AccessDecision } from '../../domain/staff-access.js';
import { decodeCursor, encodeCursor } from './search-cursor.js';

export interface StaffRouteDeps {
  readModel: AppealReadModel;
  audit: ReadAudit;
  tokens: StaffTokens;
  now?: () => Date;
}

export const CardParams = z.strictObject({ id: AppealId });
export const ByNumberQuery = z.strictObject({ registrationNumber: RegistrationNumber });

/** The largest page of a staff search. */
export const MAX_SEARCH_LIMIT = 100;

export const SearchQuery = z.strictObject({
  unit: UnitCode.optional(),
  status: z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
    .pipe(z.array(AppealStatus).min(1, 'must name at least one').max(10))
    .optional(),
  topic: RoutingTopic.optional(),
  /** 59-FZ ст. 4: proposals, statements, complaints, or those not yet decided. */
  lawKind: LawKind.optional(),
  /** Complaints against this unit (59-FZ ст. 8 ч. 6). */
  complaintUnit: UnitCode.optional(),
  channel: Channel.optional(),
  registrationNumber: RegistrationNumber.optional(),
  receivedFrom: Timestamp.optional(),
  receivedTo: Timestamp.optional(),
  dueFrom: Timestamp.optional(),
  dueTo: Timestamp.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_LIMIT).default(20),
  cursor: z.string().max(400).optional(),
});

/**
 * The staff side of the registry: an appeal's card with its personal data and full history, a
 * search over appeals, and who read what. Every read that returns personal data is recorded in
 * the read audit before the answer leaves; a read the audit could not record is not answered.
 */
export function staffRoutes(app: FastifyInstance, deps: StaffRouteDeps): void {
  const now = deps.now ?? (() => new Date());

  async function audited(principal: StaffPrincipal, appealIds: string[], what: ReadKind): Promise<void> {
    if (appealIds.length === 0) return;
    await deps.audit.record({ staffId: principal.staffId, role: principal.role, appealIds, what, at: now().toISOString() });
  }

  async function cardResponse(principal: StaffPrincipal, dossier: AppealDossier, what: ReadKind) {
    const decision = mayReadCard(principal, unitsOf(dossier.card), what === 'card' ? 'by-id' : 'by-number');
    deny(decision);
    await audited(principal, [dossier.card.id], what);
    return { ...dossier.card, ...(dossier.deadline !== undefined ? { answerDeadline: dossier.deadline } : {}), history: dossier.facts.map(staffLine) };
  }

  app.get('/v1/staff/appeals/by-number', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const { registrationNumber } = parseRequest(ByNumberQuery, request.query);
    const id = await deps.readModel.idByRegistrationNumber(registrationNumber);
    const dossier = id !== undefined ? await deps.readModel.dossier(id) : undefined;
    if (dossier === undefined) throw RequestError.notFound('registrationNumber', registrationNumber);
    return cardResponse(principal, dossier, 'card-by-number');
  });

  app.get('/v1/staff/appeals/:id', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const { id } = parseRequest(CardParams, request.params);
    const dossier = await deps.readModel.dossier(id);
    if (dossier === undefined) throw RequestError.notFound('id', id);
    return cardResponse(principal, dossier, 'card');
  });

  app.get('/v1/staff/appeals', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const query = parseRequest(SearchQuery, request.query);
    const scope = searchScope(principal, query.unit);
    if (!scope.allowed) throw forbidden(scope.message);
    const after = query.cursor !== undefined ? decodeCursor(query.cursor) : undefined;
    const found = await deps.readModel.search({
      ...(scope.units !== undefined ? { scopeUnits: scope.units } : {}),
      ...(query.unit !== undefined ? { unit: query.unit } : {}),
      ...(query.status !== undefined ? { statuses: query.status } : {}),
      ...(query.topic !== undefined ? { topic: query.topic } : {}),
      ...(query.lawKind !== undefined ? { lawKind: query.lawKind } : {}),
      ...(query.complaintUnit !== undefined ? { complaintUnit: query.complaintUnit } : {}),
      ...(query.channel !== undefined ? { channel: query.channel } : {}),
      ...(query.registrationNumber !== undefined ? { registrationNumbers: [query.registrationNumber] } : {}),
      ...(query.receivedFrom !== undefined ? { receivedFrom: query.receivedFrom } : {}),
      ...(query.receivedTo !== undefined ? { receivedTo: query.receivedTo } : {}),
      ...(query.dueFrom !== undefined ? { dueFrom: query.dueFrom } : {}),
      ...(query.dueTo !== undefined ? { dueTo: query.dueTo } : {}),
      ...(after !== undefined ? { after } : {}),
      // One more than the page tells whether a next page exists.
      limit: query.limit + 1,
    });
    const page = found.slice(0, query.limit);
    const last = page.at(-1);
    await audited(principal, page.map(({ id }) => id), 'search');
    return {
      appeals: page.map(({ factCount: _count, statusAt, ...entry }) => ({ ...entry, ...(statusAt !== undefined ? { updatedAt: statusAt } : {}) })),
      ...(found.length > query.limit && last !== undefined ? { nextCursor: encodeCursor({ receivedAt: last.receivedAt, id: last.id }) } : {}),
    };
  });

  app.get('/v1/staff/appeals/:id/read-audit', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    deny(mayReadAudit(principal));
    const { id } = parseRequest(CardParams, request.params);
    return { id, reads: await deps.audit.forAppeal(id) };
  });
}

function deny(decision: AccessDecision): void {
  if (!decision.allowed) throw forbidden(decision.message);
}
