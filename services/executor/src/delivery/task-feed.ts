import type { Logger } from 'pino';
import type { FeedEntry, TaskRepository } from '../data-access/task-repository.js';

export type FeedListener = (entry: FeedEntry) => void;

interface Subscriber {
  cursor: number;
  listener: FeedListener;
  /** Entries the tail read while the subscriber was still reading its backlog. */
  buffer: FeedEntry[] | undefined;
}

interface Tail {
  lastSeq: number;
  ready: Promise<void>;
  subscribers: Set<Subscriber>;
  pulling: Promise<void> | undefined;
  /** The highest seq this process knows exists (it recorded it). */
  known: number;
  /** A poll asked to look past `known` for entries other processes recorded. */
  probe: boolean;
}

const PAGE = 500;

/**
 * Live delivery of each unit's feed to connected streams. One tail per unit with subscribers
 * reads the new entries once (when this process records a task, and every `pollMs` for those
 * recorded by other processes) and hands them to every stream of the unit; a stream first reads
 * its backlog after its cursor, so it gets every entry after the cursor once, in order.
 *
 * The tail reads entry after entry by `_id` (the unit and the next seq): each read is an `_id`
 * index lookup, where a query by any other field would scan the collection on FerretDB; a task
 * this process recorded is delivered without waiting for a poll.
 */
export function createTaskFeed(deps: { tasks: TaskRepository; logger: Logger; pollMs: number }) {
  const tails = new Map<string, Tail>();
  const timer = setInterval(() => {
    for (const unit of tails.keys()) pull(unit);
  }, deps.pollMs);
  timer.unref();

  function tailOf(unit: string): Tail {
    let tail = tails.get(unit);
    if (!tail) {
      const created: Tail = { lastSeq: 0, ready: Promise.resolve(), subscribers: new Set(), pulling: undefined, known: 0, probe: false };
      created.ready = deps.tasks.lastSeq(unit).then(
        (seq) => {
          created.lastSeq = seq;
        },
        (error: unknown) => {
          // A tail that never learnt where to start is dropped, so the next stream tries again.
          if (tails.get(unit) === created) tails.delete(unit);
          throw error;
        },
      );
      tails.set(unit, created);
      tail = created;
    }
    return tail;
  }

  function deliver(subscriber: Subscriber, entry: FeedEntry): void {
    if (entry.seq <= subscriber.cursor) return;
    subscriber.cursor = entry.seq;
    subscriber.listener(entry);
  }

  function pull(unit: string, seq?: number): void {
    const tail = tails.get(unit);
    if (!tail) return;
    if (seq === undefined) tail.probe = true;
    else tail.known = Math.max(tail.known, seq);
    if (tail.pulling) return;
    tail.pulling = (async () => {
      await tail.ready;
      for (;;) {
        const probe = tail.probe;
        tail.probe = false;
        if (!probe && tail.known <= tail.lastSeq) return;
        const before = tail.lastSeq;
        // Known entries exist: read up to them; a probe reads on until the first miss.
        while (probe || tail.lastSeq < tail.known) {
          const entry = await deps.tasks.feedEntry(unit, tail.lastSeq + 1);
          if (!entry) break;
          tail.lastSeq = entry.seq;
          for (const subscriber of tail.subscribers) {
            if (subscriber.buffer) subscriber.buffer.push(entry);
            else deliver(subscriber, entry);
          }
        }
        if (!probe && tail.lastSeq === before) return;
      }
    })()
      .catch((error: unknown) => deps.logger.warn({ err: error, unit }, 'task feed read failed; the next poll retries'))
      .finally(() => {
        tail.pulling = undefined;
      });
  }

  return {
    /** Entry `seq` of the unit was recorded here: deliver it now rather than at the next poll. */
    notify(unit: string, seq: number): void {
      pull(unit, seq);
    },
    /**
     * Sends the unit's entries after `cursor` to `listener`, then each new one, until
     * unsubscribed. Resolves once the backlog is sent.
     */
    async subscribe(unit: string, cursor: number, listener: FeedListener): Promise<() => void> {
      const tail = tailOf(unit);
      const subscriber: Subscriber = { cursor, listener, buffer: [] };
      tail.subscribers.add(subscriber);
      const unsubscribe = () => {
        tail.subscribers.delete(subscriber);
        if (tail.subscribers.size === 0 && tails.get(unit) === tail) tails.delete(unit);
      };
      try {
        // The tail's starting point is read before the backlog, so what the backlog misses the tail reads.
        await tail.ready;
        let page: FeedEntry[];
        do {
          page = await deps.tasks.feedAfter(unit, subscriber.cursor, PAGE);
          for (const entry of page) deliver(subscriber, entry);
        } while (page.length === PAGE);
      } catch (error) {
        unsubscribe();
        throw error;
      }
      const buffered = subscriber.buffer ?? [];
      subscriber.buffer = undefined;
      for (const entry of buffered) deliver(subscriber, entry);
      return unsubscribe;
    },
    streams(): number {
      let count = 0;
      for (const tail of tails.values()) count += tail.subscribers.size;
      return count;
    },
    close(): void {
      clearInterval(timer);
    },
  };
}
export type TaskFeed = ReturnType<typeof createTaskFeed>;
