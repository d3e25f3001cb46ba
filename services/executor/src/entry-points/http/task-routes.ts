import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TaskRepository } from '../../data-access/task-repository.js';
import { requireAccess, type WorkActions } from '../../use-cases/act-on-task.js';
import { stateView, outcomeView } from '../work-views.js';
import { ListQuery, TaskParams, toWorkRequest, UnitParams, WORK_BODIES, type WorkBodies } from '../work-schemas.js';
import { answering } from './http-errors.js';

/** The path under a task of each action, and the command it is. */
export const ACTION_PATHS: { path: string; kind: keyof WorkBodies; fromPath?: 'requestId' }[] = [
  { path: 'assign', kind: 'assign' },
  { path: 'accept', kind: 'accept' },
  { path: 'answer', kind: 'answer' },
  { path: 'hand-back', kind: 'hand-back' },
  { path: 'extension-requests', kind: 'request-extension' },
  { path: 'extension-requests/:requestId/approve', kind: 'approve-extension', fromPath: 'requestId' },
  { path: 'extension-requests/:requestId/refuse', kind: 'refuse-extension', fromPath: 'requestId' },
  { path: 'forwarding', kind: 'start-forwarding' },
  { path: 'forwarded', kind: 'mark-forwarded' },
  { path: 'law-kind', kind: 'decide-law-kind' },
  { path: 'return-to-citizen', kind: 'return-to-citizen' },
  { path: 'tags', kind: 'set-tags' },
  { path: 'co-executors', kind: 'add-co-executor' },
  { path: 'close', kind: 'close' },
  { path: 'correspondence-end', kind: 'end-correspondence' },
];

const BodyObject = z.record(z.string(), z.unknown(), { error: 'must be a JSON object' });

/** The console's task API: a unit's list, one task, and every action on it, each for a signed-in staff member. */
export function taskRoutes(app: FastifyInstance, deps: { tokens: StaffTokens; tasks: TaskRepository; actions: WorkActions }): void {
  app.get('/v1/units/:unit/tasks', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const { unit } = parseRequest(UnitParams, request.params);
    const { limit } = parseRequest(ListQuery, request.query);
    await answering(async () => requireAccess(principal, unit, 'read'));
    return { unit, tasks: await deps.tasks.openTasks(unit, limit) };
  });

  app.get('/v1/units/:unit/tasks/:appealId', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const { unit, appealId } = parseRequest(TaskParams, request.params);
    return answering(async () => {
      const { state } = await deps.actions.read(principal, unit, appealId);
      const extension = await deps.actions.extensionTerms(state);
      return { state: stateView(state), ...(extension !== undefined ? { extension } : {}) };
    });
  });

  for (const { path, kind, fromPath } of ACTION_PATHS) {
    app.post(`/v1/units/:unit/tasks/:appealId/${path}`, async (request, reply) => {
      const principal = await authenticateRequest(deps.tokens, request);
      const params = request.params as Record<string, string>;
      const { unit, appealId } = parseRequest(TaskParams, { unit: params.unit, appealId: params.appealId });
      const body = parseRequest(BodyObject, request.body ?? {});
      const fields = parseRequest(WORK_BODIES[kind], fromPath ? { ...body, [fromPath]: params[fromPath] } : body);
      const outcome = await answering(() => deps.actions.act(principal, unit, appealId, toWorkRequest(kind, fields)));
      return reply.status(kind === 'request-extension' ? 201 : 200).send(outcomeView(outcome));
    });
  }
}
