import { RequestError } from '@priemnaya/http';
import type { FastifyRequest } from 'fastify';
import type { StaffPrincipal, StaffRole } from './staff-principal.js';
import { AuthenticationError, bearerToken, type StaffTokens } from './staff-tokens.js';

/**
 * The principal of an HTTP request from its `Authorization: Bearer` header, or a 401 naming the
 * header; with `roles`, a 403 for any other role.
 */
export async function authenticateRequest(tokens: StaffTokens, request: FastifyRequest, roles?: StaffRole[]): Promise<StaffPrincipal> {
  const token = bearerToken(request.headers.authorization);
  if (token === undefined) throw unauthorized('authorization: a staff bearer token is required');
  let principal: StaffPrincipal;
  try {
    principal = await tokens.verify(token);
  } catch (error) {
    if (error instanceof AuthenticationError) throw unauthorized(error.message);
    throw error;
  }
  if (roles && !roles.includes(principal.role)) throw forbidden(`role: ${principal.role} may not do this`);
  return principal;
}

export function unauthorized(message: string): RequestError {
  return new RequestError(401, 'unauthenticated', message, [{ field: 'authorization', message: message.replace(/^authorization: /, '') }]);
}

export function forbidden(message: string): RequestError {
  return new RequestError(403, 'forbidden', message);
}
