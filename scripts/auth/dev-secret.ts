import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The secret that signs staff tokens on a developer's machine: STAFF_TOKEN_SECRET when set,
 * otherwise one made at random once and kept in the cache (never in the repository), so tokens
 * from `./scripts/dev token` stay valid across restarts of the local fleet.
 */
export function devStaffTokenSecret(): string {
  const given = process.env.STAFF_TOKEN_SECRET;
  if (given) return given;
  const file = path.join(process.env.PRIEMNAYA_CACHE ?? path.join(ROOT, '.cache'), 'dev', 'staff-token-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}
