import { AppealAuthor, type AppealKind } from '@priemnaya/contracts';
import type { RegisterAppealRequest } from '@priemnaya/grpc/generated/priemnaya/intake/v1/intake.js';
import type { PlatformItem } from './platform-item.js';

const KIND_OF_TYPE: Record<PlatformItem['type'], AppealKind> = {
  appeal: 'appeal',
  message: 'platform-message',
};

/** The longest problem address ingest takes; the whole address stays in the raw payload. */
const PROBLEM_ADDRESS_MAX = 500;

/**
 * The intake request for a platform item. `raw` is the item exactly as the feed gave it (with
 * fields this version does not know), kept for audit. A contact the portal sent malformed is left
 * out rather than failing the registration: intake never refuses an appeal for its author, the
 * pre-screen flags what is missing, and the raw payload still holds it.
 */
export function toRegisterAppealRequest(item: PlatformItem, raw: unknown): RegisterAppealRequest {
  const address = item.address?.text.trim();
  const { lat, lon } = item.address ?? {};
  return {
    channel: 'pos',
    kind: KIND_OF_TYPE[item.type],
    externalId: item.id,
    author: authorOf(item.author),
    text: item.text.trim(),
    ...(address ? { problemAddress: address.slice(0, PROBLEM_ADDRESS_MAX) } : {}),
    ...(lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { location: { lat, lon } } : {}),
    // Platform attachments are links the platform serves; ingest's references are to files it stores.
    attachments: [],
    rawPayloadJson: JSON.stringify(raw),
    platform: { category: item.category.code, filedAt: item.filedAt, publishedAt: item.publishedAt },
  };
}

function authorOf(author: PlatformItem['author']): RegisterAppealRequest['author'] {
  const name = [author.lastName, author.firstName, author.middleName]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(' ');
  const candidate = { name, email: author.email?.trim(), phone: author.phone?.trim(), postalAddress: author.postalAddress?.trim() };
  const kept: Record<string, string> = {};
  for (const [field, value] of Object.entries(candidate)) {
    const schema = AppealAuthor.shape[field as keyof typeof candidate];
    if (value && schema.safeParse(value).success) kept[field] = value;
  }
  return kept;
}
