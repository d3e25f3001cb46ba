import { randomBytes, randomUUID } from 'node:crypto';
import type { PlatformItem } from './platform-item.js';

export interface Acknowledgement {
  itemId: string;
  registrationNumber: string;
  registeredAt: string;
  /** How many times the adapter sent it; repeats are harmless, the count shows them. */
  calls: number;
}

export interface PostedStatusChange {
  id: string;
  itemId: string;
  idempotencyKey: string;
  status: string;
  occurredAt: string;
  comment?: string;
}

export interface PostedAnswer {
  id: string;
  itemId: string;
  idempotencyKey: string;
  text: string;
  answeredAt: string;
  signedBy: string;
  attachments: { url: string; fileName: string }[];
}

export interface LoggedRequest {
  /** Milliseconds since the epoch when the request arrived. */
  at: number;
  route: string;
  status: number;
}

interface StoredIdempotency {
  fingerprint: string;
  statusCode: number;
  body: unknown;
}

/** What the platform holds for one organisation: the feed, tokens, and what the adapter sent. */
export function createSimulatorState() {
  const feed: PlatformItem[] = [];
  const items = new Map<string, PlatformItem>();
  const tokens = new Map<string, number>();
  const acknowledgements = new Map<string, Acknowledgement>();
  const statusChanges: PostedStatusChange[] = [];
  const answers: PostedAnswer[] = [];
  const idempotency = new Map<string, StoredIdempotency>();
  const requests: LoggedRequest[] = [];
  let tokensIssued = 0;

  return {
    feed,
    items,
    acknowledgements,
    statusChanges,
    answers,
    idempotency,
    requests,
    publish(item: PlatformItem): void {
      feed.push(item);
      items.set(item.id, item);
    },
    issueToken(ttlSeconds: number): string {
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, Date.now() + ttlSeconds * 1_000);
      tokensIssued += 1;
      return token;
    },
    isTokenValid(token: string): boolean {
      const expiresAt = tokens.get(token);
      return expiresAt !== undefined && expiresAt > Date.now();
    },
    expireTokens(): void {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    tokensIssued: () => tokensIssued,
    newId: () => randomUUID(),
  };
}
export type SimulatorState = ReturnType<typeof createSimulatorState>;

/** Cursors are opaque to clients; here, the position in the feed after the last item read. */
export function encodeCursor(position: number): string {
  return Buffer.from(JSON.stringify({ p: position })).toString('base64url');
}

export function decodeCursor(cursor: string): number | undefined {
  try {
    const { p } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { p?: unknown };
    return typeof p === 'number' && Number.isInteger(p) && p >= 0 ? p : undefined;
  } catch {
    return undefined;
  }
}
