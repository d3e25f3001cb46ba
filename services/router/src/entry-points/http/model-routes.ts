import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { MissingEmbeddingsError, openClassifier } from '@priemnaya/classifier';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditRepository } from '../../data-access/audit-repository.js';
import type { ModelRepository } from '../../data-access/model-repository.js';

export const VersionParams = z.strictObject({ version: z.string().regex(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/, 'must be a model version') });

export interface ModelRouteDeps {
  tokens: StaffTokens;
  models: ModelRepository;
  audit: AuditRepository;
  /** The version routing now, and a check of the pointer right after a promotion. */
  currentVersion: () => string;
  refresh: () => Promise<void>;
  clock: () => Date;
}

/**
 * Model versions for administrators: the stored candidates with their evaluation beside the model
 * they were compared with, and promotion, which every router picks up without a restart.
 */
export function modelRoutes(app: FastifyInstance, deps: ModelRouteDeps): void {
  app.get('/v1/models', async (request) => {
    await authenticateRequest(deps.tokens, request, ['administrator', 'supervisor']);
    const models = await deps.models.list();
    return { current: deps.currentVersion(), models: models.map(({ _id, ...model }) => ({ version: _id, ...model })) };
  });

  app.post('/v1/models/:version/promote', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request, ['administrator']);
    const { version } = parseRequest(VersionParams, request.params);
    const stored = await deps.models.load(version);
    if (stored === undefined) throw RequestError.notFound('version', version, 'stored model');
    // A version no router could load (its word vectors missing or different) is refused before
    // the pointer moves: every router would keep its old model, and the pointer would lie.
    try {
      await openClassifier(stored);
    } catch (error) {
      if (!(error instanceof MissingEmbeddingsError)) throw error;
      throw new RequestError(409, 'model_not_loadable', `version: ${error.message}`, [{ field: 'version', message: 'cannot be loaded by the router' }]);
    }
    const at = deps.clock();
    const { before, after } = await deps.models.promote(version, principal.staffId, at);
    await deps.audit.record({ at, by: { staffId: principal.staffId, role: principal.role }, entity: 'model', key: 'current', before, after });
    await deps.refresh();
    return { current: deps.currentVersion() };
  });
}
