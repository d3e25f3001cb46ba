import { AppError } from '@priemnaya/errors';
import { errors, jwtVerify, SignJWT } from 'jose';
import { StaffPrincipal } from './staff-principal.js';

export const STAFF_TOKEN_ISSUER = 'priemnaya';
export const STAFF_TOKEN_AUDIENCE = 'priemnaya-staff';
const ALGORITHM = 'HS256';

/** The request carries no token, an invalid one, or an expired one: 401 / UNAUTHENTICATED. */
export class AuthenticationError extends AppError {
  constructor(message: string) {
    super('AuthenticationError', message, { retriable: false });
  }
}

/** The principal may not do this: 403 / PERMISSION_DENIED. Says what was refused, never why in detail. */
export class PermissionDeniedError extends AppError {
  constructor(message: string) {
    super('PermissionDeniedError', message, { retriable: false });
  }
}

/**
 * The fleet's staff tokens: JWTs signed with a shared secret from configuration (HS256, at least
 * 32 bytes). A deployment behind an identity provider would verify its public keys instead; the
 * claims stay the same: `sub` the staff id, `role`, `units`, optional `name`.
 */
export function createStaffTokens(secret: string) {
  if (Buffer.byteLength(secret) < 32) throw new Error('the staff token secret must be at least 32 bytes');
  const key = new TextEncoder().encode(secret);
  return {
    async issue(principal: StaffPrincipal, options: { ttlSeconds?: number; now?: Date } = {}): Promise<string> {
      const valid = StaffPrincipal.parse(principal);
      const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
      return new SignJWT({ role: valid.role, units: valid.units, ...(valid.name !== undefined ? { name: valid.name } : {}) })
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
        .setSubject(valid.staffId)
        .setIssuer(STAFF_TOKEN_ISSUER)
        .setAudience(STAFF_TOKEN_AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.ttlSeconds ?? 8 * 60 * 60))
        .sign(key);
    },
    async verify(token: string, options: { now?: Date } = {}): Promise<StaffPrincipal> {
      let payload: Record<string, unknown>;
      try {
        ({ payload } = await jwtVerify(token, key, {
          algorithms: [ALGORITHM],
          issuer: STAFF_TOKEN_ISSUER,
          audience: STAFF_TOKEN_AUDIENCE,
          requiredClaims: ['sub', 'exp'],
          ...(options.now ? { currentDate: options.now } : {}),
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new AuthenticationError('authorization: the token has expired');
        throw new AuthenticationError('authorization: the token is not valid');
      }
      const principal = StaffPrincipal.safeParse({ staffId: payload.sub, role: payload.role, units: payload.units, ...(payload.name !== undefined ? { name: payload.name } : {}) });
      if (!principal.success) throw new AuthenticationError('authorization: the token does not name a valid role and units');
      return principal.data;
    },
  };
}
export type StaffTokens = ReturnType<typeof createStaffTokens>;

/** The bearer token of an `Authorization` header, or undefined. */
export function bearerToken(header: unknown): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(header.trim());
  return match?.[1];
}
