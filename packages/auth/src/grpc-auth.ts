import { status, type Metadata } from '@grpc/grpc-js';
import { GrpcRequestError } from '@priemnaya/grpc';
import type { StaffPrincipal, StaffRole } from './staff-principal.js';
import { AuthenticationError, bearerToken, type StaffTokens } from './staff-tokens.js';

/**
 * The principal of a gRPC call from its `authorization: Bearer <token>` metadata, checked exactly
 * as HTTP requests are: UNAUTHENTICATED without a valid token, PERMISSION_DENIED for other roles.
 */
export async function authenticateCall(tokens: StaffTokens, metadata: Metadata, roles?: StaffRole[]): Promise<StaffPrincipal> {
  const token = bearerToken(metadata.get('authorization')[0]);
  if (token === undefined) throw new GrpcRequestError(status.UNAUTHENTICATED, 'authorization: a staff bearer token is required', [{ field: 'authorization', message: 'is required' }]);
  let principal: StaffPrincipal;
  try {
    principal = await tokens.verify(token);
  } catch (error) {
    if (error instanceof AuthenticationError) throw new GrpcRequestError(status.UNAUTHENTICATED, error.message, [{ field: 'authorization', message: 'is not valid' }]);
    throw error;
  }
  if (roles && !roles.includes(principal.role)) throw new GrpcRequestError(status.PERMISSION_DENIED, `role: ${principal.role} may not do this`);
  return principal;
}

/** Metadata carrying a staff token, for clients. */
export function withStaffToken(metadata: Metadata, token: string): Metadata {
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}
