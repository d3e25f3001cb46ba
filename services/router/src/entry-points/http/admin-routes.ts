import { authenticateRequest, type StaffPrincipal, type StaffTokens } from '@priemnaya/auth';
import { Channel, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { routeKey } from '../../domain/routing-table.js';
import { auditedEdit, type AuditRepository } from '../../data-access/audit-repository.js';
import { routeEntryOf, routingCollections, type RoutingRepository } from '../../data-access/routing-repository.js';

const Code = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, 'must be 2-40 lower-case latin letters, digits or dashes, starting with a letter');
const Term = z.string().trim().min(1, 'must not be empty').max(100);

export const RouteRow = z.strictObject({ topic: RoutingTopic, unit: UnitCode, district: Code.optional(), channel: Channel.optional() });
export const RouteRowKey = z.strictObject({ topic: RoutingTopic, district: Code.optional(), channel: Channel.optional() });
export const RuleBody = z
  .strictObject({
    topic: RoutingTopic,
    /** Lower-case word beginnings; several words match consecutive words. */
    stems: z.array(Term.transform((stem) => stem.toLowerCase().replace(/ё/g, 'е'))).max(200).default([]),
    channels: z.array(Channel).max(6).optional(),
    platformCategories: z.array(Term).max(100).optional(),
  })
  .refine((rule) => rule.stems.length > 0 || (rule.channels?.length ?? 0) > 0 || (rule.platformCategories?.length ?? 0) > 0, {
    path: ['stems'],
    message: 'a rule needs stems, channels or platform categories',
  });
export const DistrictBody = z.strictObject({ name: Term, addressTerms: z.array(Term).max(1_000) });
export const UnitBody = z.strictObject({ name: Term });
export const IdParams = z.strictObject({ id: Code });
export const AuditQuery = z.strictObject({
  entity: z.enum(['route', 'rule', 'district', 'unit', 'model', 'precision-guard']).optional(),
  key: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export interface AdminRouteDeps {
  db: Db;
  tokens: StaffTokens;
  routing: RoutingRepository;
  audit: AuditRepository;
  /** A new unit gets its task topic at once, so its executors can subscribe before its first task. */
  unitTopics: { ensure(unit: string): Promise<void> };
  clock: () => Date;
}

/**
 * The administrators' API over the routing data: the table (topic, optionally district and
 * channel, to unit), the explicit rules, the district list and the units. Every edit needs an
 * administrator's token and is recorded with who, when and the document before and after;
 * supervisors may read the trail too.
 */
export function adminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  const { units, routes, keywordRules, districts } = routingCollections(deps.db);
  const admin = (request: FastifyRequest) => authenticateRequest(deps.tokens, request, ['administrator']);
  const by = (principal: StaffPrincipal) => ({ staffId: principal.staffId, role: principal.role });
  const edited = (principal: StaffPrincipal) => ({ by: by(principal), at: deps.clock() });
  const afterEdit = <T>(result: T): T => {
    deps.routing.invalidate();
    return result;
  };
  const requireUnit = async (unit: string) => {
    if (!(await deps.routing.unitExists(unit))) throw new RequestError(400, 'validation_failed', `unit: no unit ${unit}`, [{ field: 'unit', message: 'no such unit' }]);
  };
  const requireDistrict = async (district: string | undefined) => {
    if (district !== undefined && (await districts.countDocuments({ _id: district }, { limit: 1 })) === 0) {
      throw new RequestError(400, 'validation_failed', `district: no district ${district}`, [{ field: 'district', message: 'no such district' }]);
    }
  };

  app.get('/v1/routing/table', async (request) => {
    await admin(request);
    return { rows: (await routes.find().toArray()).map(routeEntryOf) };
  });
  app.put('/v1/routing/table', async (request) => {
    const principal = await admin(request);
    const row = parseRequest(RouteRow, request.body);
    await requireUnit(row.unit);
    await requireDistrict(row.district);
    const key = routeKey(row);
    const document = key === row.topic ? { _id: key, unit: row.unit } : { _id: key, ...row };
    return afterEdit(await auditedEdit(routes, deps.audit, { entity: 'route', key, after: document, ...edited(principal) }));
  });
  app.delete('/v1/routing/table', async (request) => {
    const principal = await admin(request);
    const key = routeKey(parseRequest(RouteRowKey, request.query));
    if ((await routes.countDocuments({ _id: key }, { limit: 1 })) === 0) throw RequestError.notFound('topic', key, 'routing table row');
    return afterEdit(await auditedEdit(routes, deps.audit, { entity: 'route', key, after: null, ...edited(principal) }));
  });

  app.get('/v1/routing/rules', async (request) => {
    await admin(request);
    return { rules: (await keywordRules.find().toArray()).map(({ _id, ...rule }) => ({ id: _id, ...rule })) };
  });
  app.put('/v1/routing/rules/:id', async (request) => {
    const principal = await admin(request);
    const { id } = parseRequest(IdParams, request.params);
    const rule = parseRequest(RuleBody, request.body);
    return afterEdit(await auditedEdit(keywordRules, deps.audit, { entity: 'rule', key: id, after: { _id: id, ...rule }, ...edited(principal) }));
  });
  app.delete('/v1/routing/rules/:id', async (request) => {
    const principal = await admin(request);
    const { id } = parseRequest(IdParams, request.params);
    if ((await keywordRules.countDocuments({ _id: id }, { limit: 1 })) === 0) throw RequestError.notFound('id', id, 'rule');
    return afterEdit(await auditedEdit(keywordRules, deps.audit, { entity: 'rule', key: id, after: null, ...edited(principal) }));
  });

  app.get('/v1/routing/districts', async (request) => {
    await admin(request);
    return { districts: (await districts.find().toArray()).map(({ _id, ...district }) => ({ code: _id, ...district })) };
  });
  app.put('/v1/routing/districts/:id', async (request) => {
    const principal = await admin(request);
    const { id } = parseRequest(IdParams, request.params);
    const district = parseRequest(DistrictBody, request.body);
    return afterEdit(await auditedEdit(districts, deps.audit, { entity: 'district', key: id, after: { _id: id, ...district }, ...edited(principal) }));
  });

  app.get('/v1/routing/units', async (request) => {
    await admin(request);
    return { units: (await units.find().toArray()).map(({ _id, name }) => ({ code: _id, name })) };
  });
  app.put('/v1/routing/units/:id', async (request) => {
    const principal = await admin(request);
    const { id } = parseRequest(IdParams, request.params);
    const unit = parseRequest(UnitBody, request.body);
    await deps.unitTopics.ensure(id);
    return afterEdit(await auditedEdit(units, deps.audit, { entity: 'unit', key: id, after: { _id: id, ...unit }, ...edited(principal) }));
  });

  app.get('/v1/routing/audit', async (request) => {
    await authenticateRequest(deps.tokens, request, ['administrator', 'supervisor']);
    const query = parseRequest(AuditQuery, request.query);
    return { entries: (await deps.audit.list(query)).map(({ _id, ...entry }) => ({ id: _id, ...entry })) };
  });
}
