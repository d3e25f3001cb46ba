import { z } from 'zod';

const Timestamp = z.iso.datetime({ offset: true });

/**
 * An item of the platform's feed, version 1 of docs/pos-platform-contract.md. Not strict: the
 * platform may add fields within v1, and the item is kept whole in the raw payload anyway.
 */
export const PlatformItem = z.object({
  id: z.string().min(1).max(64),
  type: z.enum(['appeal', 'message']),
  version: z.literal(1),
  category: z.object({ code: z.string().min(1).max(100), name: z.string() }),
  filedAt: Timestamp,
  publishedAt: Timestamp,
  author: z.object({
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    postalAddress: z.string().optional(),
  }),
  text: z.string().min(1).max(20_000),
  address: z.object({ text: z.string(), lat: z.number().optional(), lon: z.number().optional() }).optional(),
  attachments: z.array(z.object({ url: z.url(), fileName: z.string(), contentType: z.string(), size: z.number().int().nonnegative() })).max(20),
});
export type PlatformItem = z.infer<typeof PlatformItem>;

export type ParsedItem =
  | { ok: true; item: PlatformItem }
  /** `reason` names fields and rules only, never the values (they may be personal data). */
  | { ok: false; itemId: string | undefined; reason: string };

export function parsePlatformItem(raw: unknown): ParsedItem {
  const parsed = PlatformItem.safeParse(raw);
  if (parsed.success) return { ok: true, item: parsed.data };
  const id = (raw as { id?: unknown } | null)?.id;
  const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.code}`).join('; ');
  return { ok: false, itemId: typeof id === 'string' && id.length > 0 ? id.slice(0, 64) : undefined, reason };
}
