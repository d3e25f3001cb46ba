import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { coversUnit, type StaffPrincipal } from './staff-principal.js';
import { AuthenticationError, bearerToken, createStaffTokens } from './staff-tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const tokens = createStaffTokens(SECRET);
const executor: StaffPrincipal = { staffId: 'e-17', role: 'executor', units: ['zhkh'] };

describe('staff tokens', () => {
  it('verify gives back the principal that was issued', async () => {
    expect(await tokens.verify(await tokens.issue({ ...executor, name: 'Исполнитель' }))).toEqual({ ...executor, name: 'Исполнитель' });
  });

  it('refuses an expired token, saying so', async () => {
    const token = await tokens.issue(executor, { ttlSeconds: 60, now: new Date('2026-01-01T00:00:00Z') });
    await expect(tokens.verify(token, { now: new Date('2026-01-01T00:02:00Z') })).rejects.toThrow('authorization: the token has expired');
  });

  it('refuses a token signed with another secret', async () => {
    const other = createStaffTokens('another-secret-that-is-long-enough-9876543210');
    await expect(tokens.verify(await other.issue(executor))).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses an unsigned token and one with an unknown role', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","role":"administrator","units":[]}').toString('base64url')}.`;
    await expect(tokens.verify(unsigned)).rejects.toBeInstanceOf(AuthenticationError);
    const wrongRole = await new SignJWT({ role: 'mayor', units: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('m-1')
      .setIssuer('priemnaya')
      .setAudience('priemnaya-staff')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    await expect(tokens.verify(wrongRole)).rejects.toThrow('does not name a valid role');
  });

  it('will not issue an executor of two units, or a supervisor of none', async () => {
    await expect(tokens.issue({ staffId: 'e', role: 'executor', units: ['zhkh', 'roads'] })).rejects.toThrow(/exactly one unit/);
    await expect(tokens.issue({ staffId: 's', role: 'supervisor', units: [] })).rejects.toThrow(/at least one unit/);
  });

  it('refuses a secret shorter than 32 bytes', () => {
    expect(() => createStaffTokens('short')).toThrow(/at least 32 bytes/);
  });
});

describe('coversUnit', () => {
  it('an executor covers their unit only, a supervisor theirs, an administrator all, an operator none', () => {
    expect(coversUnit(executor, 'zhkh')).toBe(true);
    expect(coversUnit(executor, 'roads')).toBe(false);
    expect(coversUnit({ staffId: 's', role: 'supervisor', units: ['roads', 'transport'] }, 'transport')).toBe(true);
    expect(coversUnit({ staffId: 'a', role: 'administrator', units: [] }, 'health')).toBe(true);
    expect(coversUnit({ staffId: 'o', role: 'intake-operator', units: [] }, 'health')).toBe(false);
  });
});

describe('bearerToken', () => {
  it('takes the token of a Bearer header and nothing else', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcg==')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
