export interface RetryPolicy {
  /** The first backoff; each attempt doubles it. */
  baseMs: number;
  /** No backoff is longer than this, nor any Retry-After we honour. */
  maxMs: number;
  /** Attempts per call, the first included. */
  maxAttempts: number;
}

/**
 * How long to wait before attempt `attempt + 1` (attempt counts from 1): exponential backoff with
 * full jitter, so that replicas retrying the same outage do not come back in step; a server's
 * Retry-After wins when it asks for longer, up to `maxMs`.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, retryAfterMs: number | undefined, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const backoff = Math.round(random() * ceiling);
  return retryAfterMs === undefined ? backoff : Math.max(backoff, Math.min(retryAfterMs, policy.maxMs));
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1_000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
