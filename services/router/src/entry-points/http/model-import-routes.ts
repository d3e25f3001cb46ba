import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { ErrorBodySchema, parseRequest, RequestError, type ErrorBody } from '@priemnaya/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ModelImportDocument } from '../../data-access/model-import-repository.js';
import type { ImportCityHistory, ImportStart } from '../../domain/import-city-history.js';

/** The media types an export is uploaded as; the reader tells the format from the content and the file name. */
export const IMPORT_MEDIA_TYPES = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/x-ndjson', 'application/octet-stream'] as const;
/** Problems listed in a refusal; the count says how many there are in all. */
export const LISTED_PROBLEMS = 50;

export const ImportQuery = z.strictObject({
  file: z.string().min(1).max(255).meta({ description: 'The file name as exported (`.xlsx`, `.csv`, `.jsonl`): it helps tell the format.' }),
  name: z
    .string()
    .max(40)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug of lower-case Latin letters, digits and dashes')
    .meta({ description: 'The city, as its candidate’s version will start: `tula` gives `tula-2026-12-07-1a2b3c4d`.' }),
});
export const ImportParams = z.strictObject({ id: z.uuid() });
export const ImportBody = z.string().meta({ format: 'binary', description: 'The export as the city’s system wrote it: XLSX, CSV (UTF-8, UTF-16 or Windows-1251) or JSON lines `{"text","unit"}`.' });

const HeldOutFigures = z.object({
  version: z.string(),
  accuracy: z.number(),
  macroF1: z.number(),
  coverageAt95Precision: z.number(),
  thresholdAt95Precision: z.number().nullable(),
  expectedCalibrationError: z.number(),
});
export const ModelImport = z
  .object({
    id: z.uuid(),
    status: z.enum(['running', 'done', 'failed']),
    name: z.string(),
    file: z.string(),
    format: z.enum(['csv', 'xlsx', 'jsonl']),
    encoding: z.string().nullable(),
    appeals: z.number().int().meta({ description: 'Labelled appeals read from the export.' }),
    perTopic: z.record(z.string(), z.number().int()),
    startedAt: z.iso.datetime(),
    startedBy: z.string(),
    stage: z.string(),
    finishedAt: z.iso.datetime().optional(),
    candidate: z.string().optional().meta({ description: 'The stored candidate’s version, to promote with `POST /v1/models/{version}/promote`.' }),
    corpusAppeals: z.number().int().optional(),
    heldOut: z
      .object({ appeals: z.number().int(), current: HeldOutFigures, candidate: HeldOutFigures })
      .optional()
      .meta({ description: 'The current model and the candidate on the quarter of the city’s appeals the candidate was not trained on.' }),
    reason: z.string().optional(),
  })
  .meta({ id: 'ModelImport' });
export type ModelImport = z.infer<typeof ModelImport>;
export const ImportRefused = ErrorBodySchema.extend({
  problems: z
    .number()
    .int()
    .optional()
    .meta({ description: 'When the file has problems: how many; `fields` lists the first 50, each as `line N: <column>`.' }),
}).meta({ id: 'ImportRefused' });

export interface ModelImportRouteDeps {
  tokens: StaffTokens;
  imports: ImportCityHistory;
  /** The largest export accepted. */
  maxBytes: number;
}

/**
 * A new city's past appeals, uploaded by an administrator, become a candidate model: the upload
 * answers at once (400 naming each bad line, or 202), and training goes on in a worker thread.
 * Its own scope, so the raw-body parsers and the larger body limit apply to this route alone.
 */
export function modelImportRoutes(app: FastifyInstance, deps: ModelImportRouteDeps): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser([...IMPORT_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_request, body, done) => done(null, body));

    // Checked before the body is read: an upload of 50 MB should not arrive only to be refused.
    const admit = async (request: FastifyRequest) => {
      await authenticateRequest(deps.tokens, request, ['administrator']);
      parseRequest(ImportQuery, request.query, 'query');
      const refused = deps.imports.precheck();
      if (refused) refuse(refused);
    };

    scope.post('/v1/models/imports', { bodyLimit: deps.maxBytes, onRequest: admit }, async (request, reply) => {
      const principal = await authenticateRequest(deps.tokens, request, ['administrator']);
      const query = parseRequest(ImportQuery, request.query, 'query');
      const body = request.body ?? Buffer.alloc(0);
      if (!Buffer.isBuffer(body)) {
        throw new RequestError(415, 'unsupported_media_type', `content-type: send the file as it is, as one of ${IMPORT_MEDIA_TYPES.join(', ')}`, [
          { field: 'content-type', message: `must be one of ${IMPORT_MEDIA_TYPES.join(', ')}` },
        ]);
      }
      const started = await deps.imports.start({ file: query.file, bytes: body, name: query.name, by: principal.staffId });
      if (started.kind === 'refused') {
        const { problems } = started;
        const shown = problems.length > LISTED_PROBLEMS ? `; the first ${LISTED_PROBLEMS} are listed` : '';
        return reply.status(400).send({
          statusCode: 400,
          code: 'invalid_history',
          message: `body: ${problems.length} problem(s) in ${query.file}, nothing was trained${shown}`,
          fields: problems.slice(0, LISTED_PROBLEMS).map((problem) => ({ field: `line ${problem.line}: ${problem.field}`, message: problem.message })),
          problems: problems.length,
        } satisfies ErrorBody & { problems: number });
      }
      if (started.kind !== 'started') refuse(started);
      const view = importView(started.import);
      return reply.status(202).header('location', `/v1/models/imports/${view.id}`).send(view);
    });

    scope.get('/v1/models/imports/:id', async (request) => {
      await authenticateRequest(deps.tokens, request, ['administrator']);
      const { id } = parseRequest(ImportParams, request.params);
      const found = await deps.imports.find(id);
      if (found === null) throw RequestError.notFound('id', id, 'import');
      return importView(found);
    });
  });
}

function refuse(outcome: Exclude<ImportStart, { kind: 'started' | 'refused' }>): never {
  switch (outcome.kind) {
    case 'not-configured':
      throw new RequestError(503, 'not_configured', 'CLASSIFIER_CORPUS: the router has no training corpus; set it to the JSON-lines corpus to import a city’s appeals');
    case 'unavailable':
      throw new RequestError(503, 'unavailable', outcome.reason);
    case 'busy': {
      const which = outcome.id === undefined ? 'another import is being read' : `import ${outcome.id} is training`;
      throw new RequestError(409, 'import_in_progress', `${which} on this router; import again once it is done or failed`);
    }
    case 'too-few':
      throw new RequestError(400, 'too_few_appeals', `body: ${outcome.appeals} labelled appeals; at least ${outcome.needed} are needed to train and compare a candidate`, [
        { field: 'body', message: `holds ${outcome.appeals} labelled appeals, fewer than ${outcome.needed}` },
      ]);
  }
}

function importView({ _id, startedAt, finishedAt, heartbeatAt: _heartbeatAt, ...rest }: ModelImportDocument): ModelImport {
  return { id: _id, ...rest, startedAt: startedAt.toISOString(), ...(finishedAt ? { finishedAt: finishedAt.toISOString() } : {}) };
}
