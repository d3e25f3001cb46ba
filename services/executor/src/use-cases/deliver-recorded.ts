import type { Publisher } from '@priemnaya/kafka';
import { liveness, reportProgress } from '@priemnaya/observability';
import type { Logger } from 'pino';
import type { TaskRepository } from '../data-access/task-repository.js';
import { WorkVersionTaken, type WorkAction, type WorkLog } from '../data-access/work-log.js';
import type { TaskFeed } from '../delivery/task-feed.js';
import { evolve, foldEvents, isOpen } from '../domain/work-state.js';
import { startOver } from './start-over.js';

/**
 * What follows a recorded action: its consequences here (a co-executor unit's task, started over
 * when the unit had one on the appeal before; co-executors' tasks withdrawn when the lead's work
 * ends), then its event on `appeals.events`, then the mark
 * that it is done. Each step may repeat after a crash (the task lands on the same document, a
 * start-over is recorded once per routing, consumers dedupe events by eventId), none is lost.
 */
export function createDeliverRecorded(deps: { tasks: TaskRepository; work: WorkLog; feed: TaskFeed; publisher: Publisher }) {
  return async function deliverRecorded(actions: readonly WorkAction[]): Promise<void> {
    if (actions.length === 0) return;
    for (const { event } of actions) {
      // A partial forwarding (59-FZ ст. 8 ч. 4) leaves the rest, and the co-executors' parts, here.
      const endsLeadsWork =
        event.type === 'appeal.closed' || event.type === 'appeal.returned-to-citizen' || event.type === 'appeal.handed-back' || (event.type === 'appeal.forwarded' && event.partial !== true);
      if (endsLeadsWork) await withdrawCoExecutors(deps, event.appealId, event.unit, event.eventId);
      if (event.type !== 'appeal.co-executor-added') continue;
      const lead = await deps.tasks.get(event.unit, event.appealId);
      if (!lead) continue;
      const task = { ...lead, unit: event.coExecutorUnit, role: 'co-executor' as const, leadUnit: event.unit, routedAt: event.occurredAt };
      const { seq, rerouted } = await deps.tasks.record(task);
      // The unit had a task on the appeal before (it led and handed back, or helped another lead).
      if (rerouted) await startOver(deps, task);
      if (seq !== undefined) deps.feed.notify(event.coExecutorUnit, seq);
    }
    const events = actions.flatMap(({ event }) => (event.type === 'task.rerouted' || event.type === 'task.withdrawn' ? [] : [{ topic: 'appeals.events' as const, payload: event }]));
    if (events.length > 0) await deps.publisher.publish(events);
    await deps.work.markProduced(actions.map((action) => action._id));
  };
}
/**
 * The lead's work ended (only a lead closes, forwards or hands back): each co-executor unit it
 * added whose task is still open gets a `task.withdrawn`, so it leaves the inbox and takes no more
 * actions. A task since given to another lead, or already ended, is left alone; that also makes
 * a repeat after a crash record nothing twice.
 */
async function withdrawCoExecutors(deps: { tasks: TaskRepository; work: WorkLog }, appealId: string, leadUnit: string, causeEventId: string): Promise<void> {
  const leadHistory = await deps.work.history(appealId, leadUnit);
  const units = new Set(leadHistory.flatMap(({ event }) => (event.type === 'appeal.co-executor-added' ? [event.coExecutorUnit] : [])));
  for (const unit of units) {
    for (;;) {
      const task = await deps.tasks.get(unit, appealId);
      if (!task || task.leadUnit !== leadUnit || task.role !== 'co-executor') break;
      const history = await deps.work.history(appealId, unit);
      const state = foldEvents(task, history.map(({ event }) => event));
      if (!isOpen(state.status)) break;
      const event = { type: 'task.withdrawn' as const, leadUnit: task.leadUnit, causeEventId, occurredAt: new Date().toISOString() };
      try {
        await deps.work.appendRecorded(appealId, unit, state.version + 1, event);
      } catch (error) {
        // The co-executor acted meanwhile: read its work again.
        if (error instanceof WorkVersionTaken) continue;
        throw error;
      }
      await deps.tasks.updateView(evolve(state, event));
      break;
    }
  }
}

export type DeliverRecorded = ReturnType<typeof createDeliverRecorded>;

/** A relay run that moves on to no new stream for this long counts as stuck (each stream's calls are bounded). */
const RELAY_LIVENESS_BOUND_MS = 120_000;

/** Produces what an action left unproduced (a failed publish, a crash), on start and every interval, and repairs those tasks' views. */
export function createOutboxRelay(deps: { tasks: TaskRepository; work: WorkLog; deliver: DeliverRecorded; logger: Logger; intervalMs: number; graceMs: number }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  async function relayOnce(): Promise<number> {
    // Entries younger than the grace are still being delivered by the action that wrote them.
    const pending = await deps.work.unproduced(new Date(Date.now() - deps.graceMs), 500);
    const byStream = new Map<string, WorkAction[]>();
    for (const action of pending) byStream.set(action.stream, [...(byStream.get(action.stream) ?? []), action]);
    let relayed = 0;
    for (const [stream, actions] of byStream) {
      reportProgress();
      // One stream that keeps failing must not hold back the others: it is retried next run.
      try {
        await deps.deliver(actions);
        await repairView(actions[0]);
        relayed += actions.length;
      } catch (error) {
        deps.logger.warn({ stream, err: error }, 'could not relay the work events of a task; the next run retries');
      }
    }
    if (relayed > 0) deps.logger.info({ relayed }, 'relayed unproduced work events');
    return relayed;
  }

  /**
   * An action left unproduced may also have missed its view update (the process stopped between
   * the two): the listed status, and the load automatic assignment balances, are folded again
   * from the work log. A view never goes back to an older version.
   */
  async function repairView(action: WorkAction | undefined): Promise<void> {
    if (!action) return;
    const task = await deps.tasks.get(action.unit, action.appealId);
    if (!task) return;
    const history = await deps.work.history(action.appealId, action.unit);
    await deps.tasks.updateView(foldEvents(task, history.map(({ event }) => event)));
  }

  const progress = liveness.watch('relay unproduced work events', { boundMs: RELAY_LIVENESS_BOUND_MS });

  function schedule(): void {
    running = running.then(() => progress.run(relayOnce)).then(
      () => undefined,
      (error: unknown) => deps.logger.warn({ err: error }, 'outbox relay failed; the next run retries'),
    );
  }

  return {
    relayOnce,
    start(): void {
      schedule();
      timer = setInterval(schedule, deps.intervalMs);
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
      progress.close();
    },
  };
}
export type OutboxRelay = ReturnType<typeof createOutboxRelay>;
