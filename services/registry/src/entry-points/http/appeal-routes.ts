import { AppealId, Channel, RegistrationNumber, Timestamp } from '@priemnaya/contracts';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppealReadModel } from '../../data-access/appeal-read-model.js';
import { publicLine } from '../../domain/history-lines.js';

export const AppealParams = z.object({ id: AppealId });

/** The largest page a bulk lookup answers; Open311 clients may ask for 1000 requests at once. */
export const MAX_LIST_LIMIT = 1_000;

const commaList = (item: z.ZodType<string, string>, max: number) =>
  z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part.length > 0))
    .pipe(z.array(item).min(1, 'must name at least one').max(max, `must name at most ${max}`));

/**
 * The bulk lookup: `id` and `registrationNumber` are comma lists (at most 100 each, so a URL
 * stays short), `status` a comma list of the fleet's statuses, the received range inclusive.
 */
export const ListQuery = z.strictObject({
  id: commaList(AppealId, 100).optional(),
  registrationNumber: commaList(RegistrationNumber, 100).optional(),
  channel: Channel.optional(),
  status: commaList(z.string().regex(/^[a-z][a-z-]{0,39}$/, 'must be a status such as routed'), 20).optional(),
  receivedFrom: Timestamp.optional(),
  receivedTo: Timestamp.optional(),
  limit: z.coerce.number().int().min(1).max(MAX_LIST_LIMIT).default(100),
});

/**
 * Status and history of an appeal, for the fleet's services. No personal data here: the staff
 * card with author and text comes with authentication and read auditing.
 */
export function appealRoutes(app: FastifyInstance, readModel: AppealReadModel): void {
  // Statuses of many appeals at once, newest first: the Open311 façade lists requests with it.
  app.get('/v1/appeals', async (request) => {
    const query = parseRequest(ListQuery, request.query);
    const appeals = await readModel.list({
      ...(query.id !== undefined ? { ids: query.id } : {}),
      ...(query.registrationNumber !== undefined ? { registrationNumbers: query.registrationNumber } : {}),
      ...(query.channel !== undefined ? { channel: query.channel } : {}),
      ...(query.status !== undefined ? { statuses: query.status } : {}),
      ...(query.receivedFrom !== undefined ? { receivedFrom: query.receivedFrom } : {}),
      ...(query.receivedTo !== undefined ? { receivedTo: query.receivedTo } : {}),
      limit: query.limit,
    });
    return { appeals };
  });

  app.get('/v1/appeals/:id/status', async (request) => {
    const { id } = parseRequest(AppealParams, request.params);
    const view = await readModel.findStatus(id);
    if (!view) throw RequestError.notFound('id', id);
    return view;
  });

  app.get('/v1/appeals/:id/history', async (request) => {
    const { id } = parseRequest(AppealParams, request.params);
    const facts = await readModel.facts(id);
    if (facts.length === 0) throw RequestError.notFound('id', id);
    return { id, history: facts.map(publicLine) };
  });
}
