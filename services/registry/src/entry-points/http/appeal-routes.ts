import { AppealId } from '@priemnaya/contracts';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppealReadModel } from '../../data-access/appeal-read-model.js';

const Params = z.object({ id: AppealId });

/**
 * Status and history of an appeal, for the fleet's services. No personal data here: the staff
 * card with author and text comes with authentication and read auditing.
 */
export function appealRoutes(app: FastifyInstance, readModel: AppealReadModel): void {
  app.get('/v1/appeals/:id/status', async (request) => {
    const { id } = parseRequest(Params, request.params);
    const view = await readModel.findStatus(id);
    if (!view) throw RequestError.notFound('id', id);
    return view;
  });

  app.get('/v1/appeals/:id/history', async (request) => {
    const { id } = parseRequest(Params, request.params);
    const entries = await readModel.history(id);
    if (entries.length === 0) throw RequestError.notFound('id', id);
    return {
      id,
      history: entries.map(({ type, occurredAt, status, unit, topic }) => ({ type, occurredAt, status, unit, topic })),
    };
  });
}
