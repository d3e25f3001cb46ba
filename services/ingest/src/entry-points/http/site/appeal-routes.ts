import { AppealId, AppealSubmission, type AttachmentRef } from '@priemnaya/contracts';
import { isRetriable } from '@priemnaya/errors';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AttachmentLimits } from '../../../domain/attachment-policy.js';
import { refuseAttachment } from '../../../domain/attachment-policy.js';
import { IdempotencyKeyConflict, type Registration } from '../../../domain/submit-appeal.js';
import type { IngestRouteDeps } from '../ingest-route-deps.js';
import { citizenHistory, publicStatus } from './citizen-status.js';

export const IdempotencyKey = z
  .string()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const Headers = z.object({ 'idempotency-key': IdempotencyKey.optional() });
export const AppealParams = z.object({ id: AppealId });

/** What `POST /v1/appeals` takes: the appeal as JSON, or a form with it and its files. */
export const SITE_APPEAL_MEDIA_TYPES = ['application/json', 'multipart/form-data'] as const;

/** The public site-form API: submit an appeal (with files), read its status and its history. */
export function siteAppealRoutes(app: FastifyInstance, deps: IngestRouteDeps): void {
  app.post('/v1/appeals', { config: { accepts: SITE_APPEAL_MEDIA_TYPES } }, async (request, reply) => {
    const headers = parseHeaders(request.headers);
    const { submission, raw, attachments } = request.isMultipart()
      ? await readMultipart(request, deps)
      : { submission: parseRequest(AppealSubmission, request.body), raw: { format: 'json' as const, body: request.body as never }, attachments: [] };
    let registration: Registration;
    try {
      registration = await deps.submitAppeal({
        channel: 'site',
        kind: 'appeal',
        author: submission.author,
        text: submission.text,
        ...(submission.problemAddress !== undefined ? { problemAddress: submission.problemAddress } : {}),
        ...(submission.location !== undefined ? { location: submission.location } : {}),
        attachments,
        raw,
        ...(headers['idempotency-key'] !== undefined ? { idempotencyKey: headers['idempotency-key'] } : {}),
      });
    } catch (error) {
      if (error instanceof IdempotencyKeyConflict) {
        throw new RequestError(422, 'idempotency_key_reused', error.message, [
          { field: 'Idempotency-Key', message: 'already used for a different appeal' },
        ]);
      }
      throw error;
    }
    request.log.info({ appealId: registration.appealId, replayed: registration.replayed }, 'appeal acknowledged');
    return reply
      .status(202)
      .header('location', `/v1/appeals/${registration.appealId}`)
      .header('idempotent-replayed', String(registration.replayed))
      .send({ id: registration.appealId, registrationNumber: registration.registrationNumber, status: 'received' });
  });

  app.get('/v1/appeals/:id', async (request) => {
    const { id } = parseRequest(AppealParams, request.params);
    const status = await publicStatus(deps, id);
    if (!status) throw RequestError.notFound('id', id);
    return status;
  });

  app.get('/v1/appeals/:id/history', async (request) => {
    const { id } = parseRequest(AppealParams, request.params);
    const history = await citizenHistory(deps, id);
    if (!history) throw RequestError.notFound('id', id);
    return history;
  });
}

/**
 * A multipart submission: the appeal as JSON in the `appeal` field, files in `attachments`
 * parts. Files are checked and stored only once the appeal itself is valid.
 */
async function readMultipart(request: FastifyRequest, deps: IngestRouteDeps) {
  const limits: AttachmentLimits = deps.attachmentLimits;
  let appealField: string | undefined;
  const files: { fileName: string; contentType: string; content: Buffer }[] = [];
  try {
    for await (const part of request.parts({ limits: { fileSize: limits.maxFileBytes, files: limits.maxFiles, fields: 5, fieldSize: 64 * 1024 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'attachments') {
          part.file.resume();
          throw new RequestError(400, 'validation_failed', `${part.fieldname}: is not a known field; files go in attachments`, [
            { field: part.fieldname, message: 'is not a known field' },
          ]);
        }
        files.push({ fileName: part.filename, contentType: part.mimetype, content: await part.toBuffer() });
      } else if (part.fieldname === 'appeal') {
        appealField = String(part.value);
      } else {
        throw new RequestError(400, 'validation_failed', `${part.fieldname}: is not a known field`, [{ field: part.fieldname, message: 'is not a known field' }]);
      }
    }
  } catch (error) {
    throw multipartError(error, limits);
  }
  if (appealField === undefined) {
    throw new RequestError(400, 'validation_failed', 'appeal: the appeal is required as a JSON field', [{ field: 'appeal', message: 'is required' }]);
  }
  let body: unknown;
  try {
    body = JSON.parse(appealField);
  } catch {
    throw new RequestError(400, 'validation_failed', 'appeal: must be JSON', [{ field: 'appeal', message: 'must be JSON' }]);
  }
  const submission = parseRequest(AppealSubmission, body, 'appeal');
  files.forEach((file, index) => {
    const refusal = refuseAttachment(file);
    if (refusal) {
      const status = refusal.includes('not accepted') ? 415 : 400;
      throw new RequestError(status, status === 415 ? 'unsupported_media_type' : 'validation_failed', `attachments[${index}]: ${refusal}`, [
        { field: `attachments[${index}]`, message: refusal },
      ]);
    }
  });
  const attachments: AttachmentRef[] = [];
  for (const file of files) attachments.push(await deps.attachments.store(file));
  const raw = {
    format: 'multipart' as const,
    body: { appeal: body as never, attachments: attachments.map((a) => a.attachmentId) },
  };
  return { submission, raw, attachments };
}

function multipartError(error: unknown, limits: AttachmentLimits): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new RequestError(413, 'attachment_too_large', `attachments: each file must be at most ${limits.maxFileBytes} bytes`, [
      { field: 'attachments', message: `a file is larger than ${limits.maxFileBytes} bytes` },
    ]);
  }
  if (code === 'FST_FILES_LIMIT') {
    return new RequestError(413, 'too_many_attachments', `attachments: at most ${limits.maxFiles} files`, [
      { field: 'attachments', message: `more than ${limits.maxFiles} files` },
    ]);
  }
  if (error instanceof RequestError || isRetriable(error)) return error;
  // Anything else the form parser throws (no boundary, a body cut short) is the body's fault.
  return new RequestError(400, 'bad_request', 'body: not a well-formed multipart/form-data body', [
    { field: 'body', message: 'not a well-formed multipart/form-data body' },
  ]);
}

function parseHeaders(headers: Record<string, unknown>) {
  const parsed = Headers.safeParse(headers);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'invalid';
    throw new RequestError(400, 'validation_failed', `Idempotency-Key: ${message}`, [{ field: 'Idempotency-Key', message }]);
  }
  return parsed.data;
}
