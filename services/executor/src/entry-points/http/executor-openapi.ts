import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ExecutorBody, ExecutorParams as ExecutorParamsOnly, ListQuery, TaskParams as TaskParamsOnly, UnitParams as UnitParamsOnly, WORK_BODIES } from '../work-schemas.js';
import { ACTION_PATHS } from './task-routes.js';

const ErrorBody = z
  .object({
    statusCode: z.number().int(),
    code: z.string(),
    message: z.string().meta({ description: 'Names the field at fault first, as `field: problem`.' }),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Error' });

const ERRORS = {
  400: 'The request is invalid; `fields` names each field at fault.',
  401: 'No valid staff token.',
  403: 'The token’s role or units do not allow this.',
  404: 'No such task in the unit.',
  409: 'The task’s state does not allow this now (`refused`, with the rule), or another change came first (`conflict`).',
} as const;
const errors = (...statuses: (keyof typeof ERRORS)[]) =>
  Object.fromEntries(statuses.map((status) => [status, { description: ERRORS[status], content: { 'application/json': { schema: ErrorBody } } }]));
// A unit that exists in the sample data, so generated requests reach past the access checks.
const unit = UnitParamsOnly.shape.unit.meta({ example: 'zhkh' });
const UnitParams = UnitParamsOnly.extend({ unit });
const TaskParams = TaskParamsOnly.extend({ unit });
const ExecutorParams = ExecutorParamsOnly.extend({ unit });
const json = (description: string) => ({ description, content: { 'application/json': { schema: z.object({}).loose() } } });

/**
 * The executor's staff API as an OpenAPI document built from the very schemas that validate its
 * requests, served at `/docs/json` (and `/docs/yaml`) for client generators and API fuzzing.
 */
export async function serveExecutorOpenApi(app: FastifyInstance): Promise<void> {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'staffToken', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  const security = [{ [bearer.name]: [] }];
  registry.registerPath({
    method: 'get',
    path: '/v1/units/{unit}/tasks',
    summary: 'A unit’s open tasks, nearest deadline first',
    security,
    request: { params: UnitParams, query: ListQuery },
    responses: { 200: json('The tasks.'), ...errors(400, 401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/units/{unit}/tasks/stream',
    summary: 'Server-sent events, one `task` event per task of the unit; resumes after `Last-Event-ID` or `after`',
    security,
    request: { params: UnitParams, query: z.object({ after: z.string().regex(/^\d{0,15}$/).optional() }) },
    responses: { 200: { description: 'The stream.', content: { 'text/event-stream': { schema: z.string() } } }, ...errors(400, 401, 403) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/units/{unit}/tasks/{appealId}',
    summary: 'One task: its state, deadline and history',
    security,
    request: { params: TaskParams },
    responses: { 200: json('The task.'), ...errors(400, 401, 403, 404) },
  });
  for (const { path, kind, fromPath } of ACTION_PATHS) {
    const openApiPath = path.replace(/:(\w+)/g, '{$1}');
    const body = fromPath ? (WORK_BODIES[kind] as z.ZodObject).omit({ [fromPath]: true }) : WORK_BODIES[kind];
    registry.registerPath({
      method: 'post',
      path: `/v1/units/{unit}/tasks/{appealId}/${openApiPath}`,
      summary: `The ${kind} action on a task`,
      security,
      request: {
        params: fromPath ? TaskParams.extend({ [fromPath]: z.uuid() }) : TaskParams,
        body: { required: false, content: { 'application/json': { schema: body } } },
      },
      responses: { [kind === 'request-extension' ? 201 : 200]: json('The task’s new state.'), ...errors(400, 401, 403, 404, 409) },
    });
  }
  registry.registerPath({
    method: 'get',
    path: '/v1/units/{unit}/executors',
    summary: 'A unit’s executors, their availability and absences',
    security,
    request: { params: UnitParams },
    responses: { 200: json('The executors.'), ...errors(400, 401, 403) },
  });
  registry.registerPath({
    method: 'put',
    path: '/v1/units/{unit}/executors/{staffId}',
    summary: 'Sets an executor’s availability and absences, which automatic assignment reads',
    security,
    request: { params: ExecutorParams, body: { required: true, content: { 'application/json': { schema: ExecutorBody } } } },
    responses: { 200: json('The executor as stored.'), ...errors(400, 401, 403) },
  });
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Priemnaya executor API',
      version: '1.0.0',
      description: 'Executors’ and supervisors’ work on appeals: tasks by unit, actions on them, executors on duty. Every error names the field at fault.',
    },
    servers: [{ url: '/' }],
  });
  await app.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
  app.get('/docs/json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/docs/yaml', { schema: { hide: true } }, async (_request, reply) => reply.type('application/yaml').send(app.swagger({ yaml: true })));
}
