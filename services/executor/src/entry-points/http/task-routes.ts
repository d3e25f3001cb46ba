import { UnitCode } from '@priemnaya/contracts';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { TaskRepository } from '../../data-access/task-repository.js';

const Params = z.object({ unit: UnitCode });
const Query = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) });

/** A unit's open tasks, oldest first. Not yet authenticated: listen on loopback only until staff sign-in exists. */
export function taskRoutes(app: FastifyInstance, tasks: TaskRepository): void {
  app.get('/v1/units/:unit/tasks', async (request) => {
    const { unit } = parseRequest(Params, request.params);
    const { limit } = parseRequest(Query, request.query);
    return { unit, tasks: await tasks.openTasks(unit, limit) };
  });
}
