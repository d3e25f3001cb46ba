import { z } from 'zod';

/** Request bodies as docs/pos-platform-contract.md defines them. */
export const TokenRequest = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
});

export const ItemsQuery = z.strictObject({
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

const Timestamp = z.iso.datetime({ offset: true });

export const AcknowledgementBody = z.strictObject({
  registrationNumber: z.string().regex(/^\d{5,}\/\d{4}$/, 'must be NNNNN/YYYY'),
  registeredAt: Timestamp,
});

export const PLATFORM_STATUSES = ['in-progress', 'forwarded', 'extended', 'answered', 'closed'] as const;

export const StatusChangeBody = z.strictObject({
  status: z.enum(PLATFORM_STATUSES),
  occurredAt: Timestamp,
  comment: z.string().max(1_000).optional(),
});

export const AnswerBody = z.strictObject({
  text: z.string().min(1).max(20_000),
  answeredAt: Timestamp,
  signedBy: z.string().min(1).max(300),
  attachments: z.array(z.strictObject({ url: z.url(), fileName: z.string().min(1).max(255) })).max(20).default([]),
});

export const IdempotencyKey = z.string().min(1).max(128);

/** The error body of every API endpoint but the token's. */
export interface PlatformErrorBody {
  error: { code: string; message: string; field?: string };
}

export function errorBody(code: string, message: string, field?: string): PlatformErrorBody {
  return { error: { code, message, ...(field !== undefined ? { field } : {}) } };
}

/** The first field at fault in a zod error, for the error body. */
export function firstIssue(error: z.ZodError): { field: string; message: string } {
  const issue = error.issues[0];
  return { field: issue?.path.map(String).join('.') || 'body', message: issue?.message ?? 'is invalid' };
}
