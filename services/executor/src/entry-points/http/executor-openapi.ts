import { createOpenApiDocument, serveOpenApiDocument } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ExecutorBody, ExecutorParams as ExecutorParamsOnly, ListQuery, TaskParams as TaskParamsOnly, UnitParams as UnitParamsOnly, WORK_BODIES } from '../work-schemas.js';
import { ACTION_PATHS } from './task-routes.js';

const ERRORS = {
  400: 'The request is invalid; `fields` names each field at fault.',
  401: 'No valid staff token.',
  403: 'The token’s role or units do not allow this.',
  404: 'No such task in the unit.',
  409: 'The task’s state does not allow this now (`refused`, with the rule), or another change came first (`conflict`).',
} as const;

// A unit that exists in the sample data, so generated requests reach past the access checks.
const unit = UnitParamsOnly.shape.unit.meta({ example: 'zhkh' });
const UnitParams = UnitParamsOnly.extend({ unit });
const TaskParams = TaskParamsOnly.extend({ unit });
const ExecutorParams = ExecutorParamsOnly.extend({ unit });

/**
 * The executor's staff API as an OpenAPI document built from the very schemas that validate its
 * requests, served at `/docs/json` (and `/docs/yaml`) for client generators and API fuzzing.
 */
export async function serveExecutorOpenApi(app: FastifyInstance): Promise<void> {
  const api = createOpenApiDocument({
    title: 'Priemnaya executor API',
    description: 'Executors’ and supervisors’ work on appeals: tasks by unit, actions on them, executors on duty. Every error names the field at fault.',
    errors: ERRORS,
  });
  const { errors, json } = api;
  api.staffRoute({
    method: 'get',
    path: '/v1/units/{unit}/tasks',
    summary: 'A unit’s open tasks, nearest deadline first',
    request: { params: UnitParams, query: ListQuery },
    responses: { 200: json('The tasks.'), ...errors(400, 401, 403) },
  });
  api.staffRoute({
    method: 'get',
    path: '/v1/units/{unit}/tasks/stream',
    summary: 'Server-sent events, one `task` event per task of the unit; resumes after `Last-Event-ID` or `after`',
    request: { params: UnitParams, query: z.object({ after: z.string().regex(/^\d{0,15}$/).optional() }) },
    responses: { 200: { description: 'The stream.', content: { 'text/event-stream': { schema: z.string() } } }, ...errors(400, 401, 403) },
  });
  api.staffRoute({
    method: 'get',
    path: '/v1/units/{unit}/tasks/{appealId}',
    summary: 'One task: its state, deadline and history',
    request: { params: TaskParams },
    responses: { 200: json('The task.'), ...errors(400, 401, 403, 404) },
  });
  for (const { path, kind, fromPath } of ACTION_PATHS) {
    const openApiPath = path.replace(/:(\w+)/g, '{$1}');
    const body = fromPath ? (WORK_BODIES[kind] as z.ZodObject).omit({ [fromPath]: true }) : WORK_BODIES[kind];
    api.staffRoute({
      method: 'post',
      path: `/v1/units/{unit}/tasks/{appealId}/${openApiPath}`,
      summary: `The ${kind} action on a task`,
      request: {
        params: fromPath ? TaskParams.extend({ [fromPath]: z.uuid() }) : TaskParams,
        body: api.jsonBody(body, false),
      },
      responses: { [kind === 'request-extension' ? 201 : 200]: json('The task’s new state.'), ...errors(400, 401, 403, 404, 409) },
    });
  }
  api.staffRoute({
    method: 'get',
    path: '/v1/units/{unit}/executors',
    summary: 'A unit’s executors, their availability and absences',
    request: { params: UnitParams },
    responses: { 200: json('The executors.'), ...errors(400, 401, 403) },
  });
  api.staffRoute({
    method: 'put',
    path: '/v1/units/{unit}/executors/{staffId}',
    summary: 'Sets an executor’s availability and absences, which automatic assignment reads',
    request: { params: ExecutorParams, body: api.jsonBody(ExecutorBody) },
    responses: { 200: json('The executor as stored.'), ...errors(400, 401, 403) },
  });
  await serveOpenApiDocument(app, api.document());
}
