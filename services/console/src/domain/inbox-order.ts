/** What the inbox needs of a task to order it. */
export interface InboxEntry {
  appealId: string;
  receivedAt: string;
  /** The answer deadline; absent until the registry has computed it. */
  dueAt?: string;
}

/**
 * The inbox order: the nearest deadline first (overdue ones at the top, most overdue first);
 * tasks whose deadline is not known yet after those, oldest first; ties by registration time
 * and then id, so the order never flickers between refreshes.
 */
export function inboxOrder<T extends InboxEntry>(entries: readonly T[]): T[] {
  const due = (entry: InboxEntry) => (entry.dueAt !== undefined ? Date.parse(entry.dueAt) : Number.POSITIVE_INFINITY);
  return [...entries].sort(
    (a, b) => due(a) - due(b) || Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.appealId < b.appealId ? -1 : a.appealId > b.appealId ? 1 : 0),
  );
}

/**
 * Adds or replaces entries by appeal id, as tasks arrive live on the stream: a redelivered task
 * (the stream may repeat one after a reconnect) replaces its earlier copy instead of doubling it.
 */
export function mergeByAppeal<T extends { appealId: string }>(current: readonly T[], arriving: readonly T[]): T[] {
  const byId = new Map(current.map((entry) => [entry.appealId, entry]));
  for (const entry of arriving) byId.set(entry.appealId, { ...byId.get(entry.appealId), ...entry });
  return [...byId.values()];
}
