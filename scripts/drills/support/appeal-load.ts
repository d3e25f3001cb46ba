import { randomBytes } from 'node:crypto';

/** Texts the sample city's rules route to a unit (heating to housing, potholes to roads). */
const TEXTS = [
  'В подъезде нет отопления, батареи холодные уже неделю',
  'На дороге огромные ямы, прошу отремонтировать асфальт',
];
/** How long one appeal is retried (same Idempotency-Key) before the load gives up on it. */
const GIVE_UP_AFTER_MS = 180_000;
const RETRY_PAUSE_MS = 500;
/** How long one attempt waits for an answer before it counts as failed and is sent again. */
const ATTEMPT_TIMEOUT_MS = 30_000;

export interface LoadStats {
  /** Appeals the load started to send. */
  sent: number;
  /** Appeals answered 202, by Idempotency-Key. */
  acknowledged: number;
  /** Attempts that failed and were sent again with the same key (connection refused, 503, 5xx). */
  retries: number;
  /** Attempts answered 503 (the service says it cannot take work now). */
  unavailable: number;
  /** Attempts that failed otherwise: no connection, no answer within the attempt's bound, 429, another 5xx, a refusal. */
  otherFailures: number;
  /** Those other failures by what they were: an HTTP status, or "no answer" (refused, reset, or past the attempt's bound). */
  otherFailuresBy: Record<string, number>;
  /** The longest a single attempt waited for its answer (or for its failure), in ms. */
  longestAttemptMs: number;
  /** Appeals refused outright (400, 422) or given up on: never acknowledged. */
  unacknowledged: number;
  inFlight: number;
}

export interface AppealLoad {
  /** Idempotency-Key to the appeal id of its 202 answer. */
  readonly acknowledged: ReadonlyMap<string, string>;
  /** Keys answered 202 with two different appeal ids: one submission registered twice. */
  readonly doubledKeys: readonly { key: string; appealIds: string[] }[];
  stats(): LoadStats;
  /** Stops sending new appeals and waits until each one in flight is acknowledged or given up. */
  stop(): Promise<LoadStats>;
}

/**
 * A steady load of site-form appeals, `perSecond` of them, each with its own Idempotency-Key and
 * author. A failed attempt (the service is down, restarting or says 503) is retried with the same
 * key, as a citizen's browser would, until it is acknowledged: so every appeal is acknowledged
 * once the fleet recovers, and an acknowledgement never stands for two appeals.
 */
export function startAppealLoad(options: { ingestUrl: string; perSecond: number }): AppealLoad {
  const run = randomBytes(4).toString('hex');
  const acknowledged = new Map<string, string>();
  const doubledKeys: { key: string; appealIds: string[] }[] = [];
  const stats: LoadStats = { sent: 0, acknowledged: 0, retries: 0, unavailable: 0, otherFailures: 0, otherFailuresBy: {}, longestAttemptMs: 0, unacknowledged: 0, inFlight: 0 };
  const pending = new Set<Promise<void>>();
  let owed = 0;

  async function submit(index: number): Promise<void> {
    const key = `drill-${run}-${index}`;
    const body = JSON.stringify({
      text: TEXTS[index % TEXTS.length],
      // A different author each time, so the repeat check sees no person writing twice.
      author: { name: `Заявитель ${run} ${index}`, email: `drill-${run}-${index}@example.org` },
    });
    const giveUpAt = Date.now() + GIVE_UP_AFTER_MS;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) stats.retries += 1;
      const attemptStarted = Date.now();
      const answer = await fetch(`${options.ingestUrl}/v1/appeals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
      }).then(
        async (response) => ({ status: response.status, body: (await response.json().catch(() => ({}))) as { id?: string } }),
        () => undefined,
      );
      stats.longestAttemptMs = Math.max(stats.longestAttemptMs, Date.now() - attemptStarted);
      const appealId = answer?.status === 202 ? answer.body.id : undefined;
      if (answer?.status === 503) stats.unavailable += 1;
      else if (!appealId) {
        stats.otherFailures += 1;
        const what = answer ? String(answer.status) : 'no answer';
        stats.otherFailuresBy[what] = (stats.otherFailuresBy[what] ?? 0) + 1;
      }
      if (appealId) {
        const earlier = acknowledged.get(key);
        if (earlier !== undefined && earlier !== appealId) doubledKeys.push({ key, appealIds: [earlier, appealId] });
        if (earlier === undefined) stats.acknowledged += 1;
        acknowledged.set(key, appealId);
        return;
      }
      if ((answer && answer.status >= 400 && answer.status < 500 && answer.status !== 429) || Date.now() > giveUpAt) {
        stats.unacknowledged += 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
    }
  }

  const ticker = setInterval(() => {
    owed += options.perSecond / 10;
    while (owed >= 1) {
      owed -= 1;
      const sending = submit(stats.sent);
      stats.sent += 1;
      stats.inFlight += 1;
      pending.add(sending);
      void sending.finally(() => {
        stats.inFlight -= 1;
        pending.delete(sending);
      });
    }
  }, 100);

  return {
    acknowledged,
    doubledKeys,
    stats: () => ({ ...stats, otherFailuresBy: { ...stats.otherFailuresBy } }),
    async stop() {
      clearInterval(ticker);
      while (pending.size > 0) await Promise.all([...pending]);
      return { ...stats, otherFailuresBy: { ...stats.otherFailuresBy } };
    },
  };
}
