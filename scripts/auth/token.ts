/**
 * `./scripts/dev token <role> [unit...] [--staff-id ID] [--name NAME] [--ttl SECONDS]`: prints a
 * development staff token for the local fleet, signed with the local secret.
 *
 *   ./scripts/dev token executor zhkh
 *   ./scripts/dev token supervisor zhkh roads --name 'Начальник отдела'
 *   ./scripts/dev token administrator
 */
import { parseArgs } from 'node:util';
import { createStaffTokens, StaffPrincipal } from '@priemnaya/auth';
import { devStaffTokenSecret } from './dev-secret.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'staff-id': { type: 'string' }, name: { type: 'string' }, ttl: { type: 'string', default: String(8 * 60 * 60) } },
});
const [role, ...units] = positionals;
const parsed = StaffPrincipal.safeParse({
  staffId: values['staff-id'] ?? `dev-${role ?? 'staff'}${units.length > 0 ? `-${units.join('-')}` : ''}`,
  role,
  units,
  ...(values.name !== undefined ? { name: values.name } : {}),
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) process.stderr.write(`${issue.path.join('.') || 'arguments'}: ${issue.message}\n`);
  process.stderr.write('usage: ./scripts/dev token <intake-operator|executor|supervisor|administrator> [unit...] [--staff-id ID] [--name NAME] [--ttl SECONDS]\n');
  process.exit(2);
}
const ttlSeconds = Number(values.ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) {
  process.stderr.write('--ttl: must be a positive number of seconds\n');
  process.exit(2);
}
process.stdout.write(`${await createStaffTokens(devStaffTokenSecret()).issue(parsed.data, { ttlSeconds })}\n`);
