import Fastify from 'fastify';
import type { AppealStatusView } from '../../src/data-access/registry-client.js';

export interface RegistryStub {
  url: string;
  /** What the registry knows: a status per appeal id, answered as is; any other id answers 404. */
  statuses: Map<string, AppealStatusView & Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * A real HTTP server in the registry's place, answering `GET /v1/appeals/:id/status` as set up by
 * the test, for the answers the real registry cannot be made to give (one that carries personal
 * data by mistake). get-appeal-with-registry.test.ts runs ingest with the real registry.
 */
export async function startRegistryStub(): Promise<RegistryStub> {
  const statuses: RegistryStub['statuses'] = new Map();
  const server = Fastify();
  server.get<{ Params: { id: string } }>('/v1/appeals/:id/status', async (request, reply) => {
    const status = statuses.get(request.params.id);
    if (status) return status;
    return reply.status(404).send({ statusCode: 404, code: 'not_found', message: `id: no appeal ${request.params.id}` });
  });
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  return { url, statuses, close: () => server.close() };
}
