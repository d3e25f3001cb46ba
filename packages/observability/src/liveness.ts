import { AsyncLocalStorage } from 'node:async_hooks';
import { collectedGauge } from './metrics.js';

export interface LoopWatchOptions {
  /**
   * How long a piece of work may go without progress before the loop counts as stuck. Longer
   * than the slowest honest piece of work: each call to the broker and the database inside it is
   * bounded far below this, so only a wedge (a call nobody times out, a promise nobody settles,
   * a lock never let go) reaches it.
   */
  boundMs: number;
}

/** One piece of work a loop took up: a message in hand, a tick, a page pulled, a relay run. */
export interface WorkInHand {
  /** The work is still moving (a retry began, a step finished): its clock starts again. */
  progress(): void;
  /** Done, whether it succeeded or failed. */
  end(): void;
}

/** What one background loop tells of itself; a loop with no work in hand is never stuck. */
export interface LoopWatch {
  readonly loop: string;
  begin(): WorkInHand;
  /**
   * Runs `work` as one piece of work in hand, ended however it settles; code it calls may say it
   * is still moving with `reportProgress()` without being handed the work.
   */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** The loop has stopped: it no longer counts. */
  close(): void;
}

export interface StuckLoop {
  loop: string;
  /** Since the oldest work in hand last moved. */
  stuckForMs: number;
  boundMs: number;
}

export interface Liveness {
  watch(loop: string, options: LoopWatchOptions): LoopWatch;
  /** The loops whose oldest work in hand has not moved for longer than their bound. */
  stuck(): StuckLoop[];
  /** Every open loop and how long its oldest work in hand has gone without progress (0: none in hand). */
  loops(): { loop: string; sinceProgressMs: number; boundMs: number }[];
}

/**
 * Liveness as progress, not as a process that answers HTTP: each background loop (a consumer's
 * handler, a poller, a scheduler's tick, a relay) says when it takes up a piece of work and when
 * it is done with it. `/healthz` fails while one has held a piece of work without progress for
 * longer than its bound, so the orchestrator restarts a process that is alive but doing nothing.
 * Waiting for work is not being stuck, and neither is a dependency that is down: calls to it fail
 * within their own bounds and the loop retries, which is progress; readiness tells of outages.
 */
const workInContext = new AsyncLocalStorage<WorkInHand>();

/**
 * Tells the loop whose `run` the caller is inside that its work is still moving: a retry loop
 * deep in a handler (a platform that answers 503 for minutes) calls it before each attempt, so
 * patient retrying is not mistaken for a wedge. Outside any `run` it does nothing.
 */
export function reportProgress(): void {
  workInContext.getStore()?.progress();
}

export function createLiveness({ now = Date.now }: { now?: () => number } = {}): Liveness {
  const watches = new Set<{ loop: string; boundMs: number; inHand: Set<{ movedAt: number }> }>();

  function sinceProgress(watch: { inHand: Set<{ movedAt: number }> }, at: number): number {
    let oldest = at;
    for (const work of watch.inHand) oldest = Math.min(oldest, work.movedAt);
    return at - oldest;
  }

  return {
    watch(loop, { boundMs }) {
      if (!(boundMs > 0)) throw new Error(`the bound of loop ${loop} must be a positive number of milliseconds`);
      const watch = { loop, boundMs, inHand: new Set<{ movedAt: number }>() };
      watches.add(watch);
      const begin = (): WorkInHand => {
        const work = { movedAt: now() };
        watch.inHand.add(work);
        return {
          progress: () => void (work.movedAt = now()),
          end: () => void watch.inHand.delete(work),
        };
      };
      return {
        loop,
        begin,
        async run(work) {
          const inHand = begin();
          try {
            return await workInContext.run(inHand, work);
          } finally {
            inHand.end();
          }
        },
        close: () => void watches.delete(watch),
      };
    },
    stuck() {
      const at = now();
      return [...watches].flatMap((watch) => {
        const stuckForMs = sinceProgress(watch, at);
        return stuckForMs > watch.boundMs ? [{ loop: watch.loop, stuckForMs, boundMs: watch.boundMs }] : [];
      });
    },
    loops() {
      const at = now();
      return [...watches].map((watch) => ({ loop: watch.loop, sinceProgressMs: sinceProgress(watch, at), boundMs: watch.boundMs }));
    },
  };
}

/** The process's loops, which `/healthz` of its HTTP server reads. */
export const liveness = createLiveness();

collectedGauge(
  'priemnaya_loop_seconds_since_progress',
  'Seconds the oldest work in hand of each background loop has gone without progress (0: none in hand); /healthz fails past the loop bound',
  ['loop'],
  async () => {
    // Several loops may share a name (two apps in one test process): the worst one counts.
    const worst = new Map<string, number>();
    for (const { loop, sinceProgressMs } of liveness.loops()) worst.set(loop, Math.max(worst.get(loop) ?? 0, sinceProgressMs / 1000));
    return [...worst].map(([loop, value]) => ({ labels: { loop }, value }));
  },
);
