import { createHash } from 'node:crypto';

/** Fixed for ever: changing it would give every planned stage a new id and fire it again. */
const ALERT_NAMESPACE = '6f1c8c3e-4a51-4d8e-9a57-0b5d2f0c9d41';

/**
 * The id of the alert a stage raises, the same on every replica and after every restart and
 * re-plan: a UUID v5 (RFC 9562) of `appealId/clockId/stageId`. The monitor fires a stage only if
 * no alert with this id was produced, so each stage fires once per appeal and clock.
 */
export function stableAlertId(appealId: string, clockId: string, stageId: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(ALERT_NAMESPACE.replaceAll('-', ''), 'hex'))
    .update(`${appealId}/${clockId}/${stageId}`, 'utf8')
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
