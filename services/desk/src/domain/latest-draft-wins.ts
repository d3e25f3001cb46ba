/** A text being typed, numbered by the client. */
export interface Draft {
  seq: number;
  text: string;
}

export interface LatestDraftWins {
  /** Takes a newer draft: the one being answered is aborted and any waiting one is dropped. */
  offer(draft: Draft): void;
  /** Resolves once every draft offered so far has been answered or dropped. */
  drained(): Promise<void>;
  /** Aborts the answer in flight and drops what waits; nothing is delivered after it. */
  cancel(): void;
  readonly stats: { offered: number; answered: number; dropped: number };
}

/**
 * Answers the drafts of one typing session one at a time, newest first: an answer for a text the
 * operator has already changed is worth nothing and costs the router a call, so a newer draft
 * aborts the one in flight and replaces the one waiting. `answer` rejects only when aborted (it
 * turns its own failures into an answer); any other rejection goes to `fail`.
 */
export function createLatestDraftWins<A>(options: {
  answer(draft: Draft, signal: AbortSignal): Promise<A>;
  deliver(draft: Draft, answer: A): void;
  fail(error: unknown): void;
}): LatestDraftWins {
  let waiting: Draft | undefined;
  let inFlight: AbortController | undefined;
  let running: Promise<void> | undefined;
  let cancelled = false;
  const stats = { offered: 0, answered: 0, dropped: 0 };

  async function run(): Promise<void> {
    for (let draft = waiting; draft !== undefined && !cancelled; draft = waiting) {
      waiting = undefined;
      const controller = new AbortController();
      inFlight = controller;
      try {
        const result = await options.answer(draft, controller.signal);
        if (controller.signal.aborted || cancelled) stats.dropped++;
        else {
          stats.answered++;
          options.deliver(draft, result);
        }
      } catch (error) {
        if (controller.signal.aborted || cancelled) stats.dropped++;
        else {
          cancelled = true;
          options.fail(error);
        }
      } finally {
        inFlight = undefined;
      }
    }
    if (cancelled && waiting !== undefined) {
      waiting = undefined;
      stats.dropped++;
    }
  }

  return {
    offer(draft) {
      if (cancelled) return;
      stats.offered++;
      if (waiting !== undefined) stats.dropped++;
      waiting = draft;
      inFlight?.abort();
      running ??= run().finally(() => {
        running = undefined;
      });
    },
    async drained() {
      while (running !== undefined) await running;
    },
    cancel() {
      cancelled = true;
      inFlight?.abort();
    },
    stats,
  };
}
