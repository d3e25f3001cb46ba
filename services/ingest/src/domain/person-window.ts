import type { Channel } from '@priemnaya/contracts';
import type { TextSignature } from '@priemnaya/prescreen';

/** An earlier acknowledged appeal of the same person, as the pre-screen and the desk see it. */
export interface PersonAppeal {
  appealId: string;
  registrationNumber: string;
  channel: Channel;
  receivedAt: Date;
  signature: TextSignature;
  /** When the appeal was first answered on the merits (59-FZ art. 11 part 5 counts these). */
  answeredInSubstanceAt?: Date;
}

/**
 * The recent appeals of every person, by each of their normalised keys, kept in memory for the
 * window the pre-screen and the desk look back over. Each entry is about 700 bytes; a city's
 * 40,000 appeals a year under a 365-day window take some tens of megabytes.
 */
export function createPersonWindow(options: { windowMs: number; clock: () => Date; maxPerKey?: number }) {
  const byKey = new Map<string, PersonAppeal[]>();
  // Apart from the appeals: on start the answers are read from their own topic, and one may
  // arrive before its appeal does.
  const answeredAt = new Map<string, Date>();
  const maxPerKey = options.maxPerKey ?? 200;
  let oldestKept = Number.POSITIVE_INFINITY;

  function prune(now: Date): void {
    const cutoff = now.getTime() - options.windowMs;
    if (oldestKept >= cutoff) return;
    // An answer comes after its appeal: one older than the window is of an appeal outside it.
    for (const [appealId, at] of answeredAt) if (at.getTime() < cutoff) answeredAt.delete(appealId);
    oldestKept = Number.POSITIVE_INFINITY;
    for (const [key, appeals] of byKey) {
      const kept = appeals.filter((appeal) => appeal.receivedAt.getTime() >= cutoff);
      if (kept.length === 0) byKey.delete(key);
      else {
        byKey.set(key, kept);
        oldestKept = Math.min(oldestKept, kept.at(-1)?.receivedAt.getTime() ?? oldestKept);
      }
    }
  }

  return {
    /** Files an appeal under each key; the same appeal again (a redelivery) changes nothing. */
    add(keys: readonly string[], appeal: PersonAppeal): void {
      const now = options.clock();
      if (appeal.receivedAt.getTime() < now.getTime() - options.windowMs) return;
      for (const key of keys) {
        const appeals = byKey.get(key) ?? [];
        if (appeals.some((known) => known.appealId === appeal.appealId)) continue;
        // Newest first; appeals mostly arrive in order, so the insertion point is near the front.
        let at = 0;
        while (at < appeals.length && (appeals[at]?.receivedAt.getTime() ?? 0) > appeal.receivedAt.getTime()) at++;
        appeals.splice(at, 0, appeal);
        if (appeals.length > maxPerKey) appeals.length = maxPerKey;
        byKey.set(key, appeals);
      }
      oldestKept = Math.min(oldestKept, appeal.receivedAt.getTime());
      prune(now);
    },
    /**
     * Notes that an appeal was answered on the merits; the earliest such answer stands, so a
     * redelivery or a later corrected answer changes nothing.
     */
    recordAnswerInSubstance(appealId: string, at: Date): void {
      const now = options.clock();
      if (at.getTime() < now.getTime() - options.windowMs) return;
      const known = answeredAt.get(appealId);
      if (known === undefined || at.getTime() < known.getTime()) answeredAt.set(appealId, at);
    },
    /** The appeals filed under any of the keys, newest first, each once, at most `limit`. */
    recent(keys: readonly string[], query: { since?: Date; limit: number }): PersonAppeal[] {
      const since = query.since?.getTime() ?? Number.NEGATIVE_INFINITY;
      const unique = new Map<string, PersonAppeal>();
      for (const key of keys) for (const appeal of byKey.get(key) ?? []) if (appeal.receivedAt.getTime() >= since) unique.set(appeal.appealId, appeal);
      return [...unique.values()]
        .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
        .slice(0, query.limit)
        .map((appeal) => {
          const at = answeredAt.get(appeal.appealId);
          return at === undefined ? appeal : { ...appeal, answeredInSubstanceAt: at };
        });
    },
    /** How many person keys are held, for the service's own figures. */
    size(): number {
      return byKey.size;
    },
  };
}
export type PersonWindow = ReturnType<typeof createPersonWindow>;
