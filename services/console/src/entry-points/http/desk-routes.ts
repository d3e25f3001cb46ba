import { RequestError, parseRequest } from '@priemnaya/http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeskClient } from '../../data-access/desk-client.js';
import { CitizenLookupForm, HotlineCallForm, ReceptionCardForm, SuggestionRequest } from '../../forms/reception-card.js';

/** The caller's bearer token, forwarded as is: the desk decides who may do what. */
function bearer(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer (\S+)$/.exec(header);
  if (!match?.[1]) throw new RequestError(401, 'unauthenticated', 'authorization: a staff token is required (Bearer)', [{ field: 'authorization', message: 'is required' }]);
  return match[1];
}

/**
 * Thin HTTP routes over the desk's gRPC API for the browser: each checks the request with the
 * schema the form uses and forwards it. Nothing here logs a field of the card.
 */
export function deskRoutes(app: FastifyInstance, deps: { desk: DeskClient }): void {
  app.post('/api/desk/oral-appeals', async (request) => {
    const token = bearer(request);
    const card = parseRequest(ReceptionCardForm, request.body);
    return deps.desk.register(token, card);
  });

  // The hotline is not a personal reception: no card, so a form of its own.
  app.post('/api/desk/hotline-calls', async (request) => {
    const token = bearer(request);
    const call = parseRequest(HotlineCallForm, request.body);
    return deps.desk.registerHotlineCall(token, call);
  });

  app.post('/api/desk/citizen-appeals', async (request) => {
    const token = bearer(request);
    const citizen = parseRequest(CitizenLookupForm, request.body);
    return deps.desk.findCitizenAppeals(token, {
      ...(citizen.name !== undefined ? { name: citizen.name } : {}),
      ...(citizen.phone !== undefined ? { phone: citizen.phone } : {}),
      ...(citizen.email !== undefined ? { email: citizen.email } : {}),
    });
  });

  app.post('/api/desk/suggestions', async (request) => {
    const token = bearer(request);
    const { text } = parseRequest(SuggestionRequest, request.body);
    return { suggestions: await deps.desk.suggest(token, text) };
  });
}
