import { createHash } from 'node:crypto';
import type { CitizenNoticeKind } from '@priemnaya/contracts';

/** Fixed for ever: changing it would give every notification a new id and deliver it again. */
const NOTIFICATION_NAMESPACE = '3b8f4e52-7c1d-4a9e-8f60-2d5c9a1e7b34';

/**
 * The id of a notification: a UUID v5 (RFC 9562) of `appealId/kind/eventId`, the same on every
 * replica, redelivery and replay, so every adapter can deliver each notification once.
 */
export function notificationIdOf(appealId: string, kind: CitizenNoticeKind, eventId: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(NOTIFICATION_NAMESPACE.replaceAll('-', ''), 'hex'))
    .update(`${appealId}/${kind}/${eventId}`, 'utf8')
    .digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
