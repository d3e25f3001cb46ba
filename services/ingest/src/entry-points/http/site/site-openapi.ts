import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AppealStatus, AppealSubmission } from '@priemnaya/contracts';
import { z } from 'zod';
import { commonResponses } from '../openapi.js';
import { AppealParams, IdempotencyKey } from './appeal-routes.js';

const Acknowledgement = z
  .object({ id: z.uuid(), registrationNumber: z.string().meta({ example: '00042/2026' }), status: z.literal('received') })
  .meta({ id: 'Acknowledgement' });

const PublicStatus = z
  .object({
    id: z.uuid(),
    registrationNumber: z.string(),
    status: AppealStatus,
    description: z.string(),
    unit: z.string().optional(),
    topic: z.string().optional(),
    receivedAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AppealStatus' });

const CitizenHistory = z
  .object({
    id: z.uuid(),
    registrationNumber: z.string(),
    history: z.array(z.object({ status: AppealStatus, description: z.string(), at: z.string() })),
  })
  .meta({ id: 'AppealHistory' });

/** The site form's routes in the OpenAPI document, from the schemas that validate them. */
export function documentSiteRoutes(registry: OpenAPIRegistry, limits: { maxFiles: number; maxFileBytes: number }): void {
  const submission = AppealSubmission.meta({ id: 'AppealSubmission' });
  registry.registerPath({
    method: 'post',
    path: '/v1/appeals',
    summary: 'Submit an appeal',
    description:
      'Registers the appeal and answers once it is safely stored, with its registration number. Send JSON, or multipart/form-data ' +
      `with the appeal as JSON in the \`appeal\` field and up to ${limits.maxFiles} files of at most ${limits.maxFileBytes} bytes each in \`attachments\` ` +
      '(PDF, JPEG, PNG, plain text, DOCX, ODT). A repeat with the same `Idempotency-Key` returns the first registration.',
    request: {
      headers: z.object({ 'Idempotency-Key': IdempotencyKey.optional() }),
      body: {
        required: true,
        content: {
          'application/json': { schema: submission },
          'multipart/form-data': {
            schema: z.object({
              appeal: z.string().meta({ description: 'The AppealSubmission as JSON.' }),
              attachments: z.array(z.string().meta({ format: 'binary' })).max(limits.maxFiles).optional(),
            }),
          },
        },
      },
    },
    responses: {
      202: { description: 'Registered.', content: { 'application/json': { schema: Acknowledgement } } },
      ...commonResponses(400, 413, 415, 422, 429, 503),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/appeals/{id}',
    summary: 'The current status of an appeal',
    request: { params: AppealParams },
    responses: { 200: { description: 'The status.', content: { 'application/json': { schema: PublicStatus } } }, ...commonResponses(400, 404, 429, 503) },
  });
  registry.registerPath({
    method: 'get',
    path: '/v1/appeals/{id}/history',
    summary: 'The status history of an appeal, as the citizen sees it',
    request: { params: AppealParams },
    responses: { 200: { description: 'The history.', content: { 'application/json': { schema: CitizenHistory } } }, ...commonResponses(400, 404, 429, 503) },
  });
}
