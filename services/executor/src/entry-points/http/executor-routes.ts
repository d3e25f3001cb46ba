import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import type { ExecutorDirectory } from '../../data-access/executor-directory.js';
import { requireAccess } from '../../use-cases/act-on-task.js';
import { ExecutorBody, ExecutorParams, UnitParams } from '../work-schemas.js';
import { answering } from './http-errors.js';

/** A unit's executors and their availability and absences, which automatic assignment reads. */
export function executorRoutes(app: FastifyInstance, deps: { tokens: StaffTokens; executors: ExecutorDirectory }): void {
  app.get('/v1/units/:unit/executors', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const { unit } = parseRequest(UnitParams, request.params);
    await answering(async () => requireAccess(principal, unit, 'manage-executors'));
    return { unit, executors: await deps.executors.list(unit) };
  });

  app.put('/v1/units/:unit/executors/:staffId', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const { unit, staffId } = parseRequest(ExecutorParams, request.params);
    const body = parseRequest(ExecutorBody, request.body ?? {});
    await answering(async () => requireAccess(principal, unit, 'manage-executors'));
    const executor = { unit, staffId, ...body };
    await deps.executors.put(executor, principal.staffId, new Date());
    return { executor };
  });
}
