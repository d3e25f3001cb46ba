import type { TaskAssigned } from '@priemnaya/contracts';
import type { StoredTask, TaskRepository } from '../data-access/task-repository.js';
import { WorkVersionTaken, type WorkLog } from '../data-access/work-log.js';
import type { TaskFeed } from '../delivery/task-feed.js';
import { evolve, foldEvents } from '../domain/work-state.js';

/**
 * A routed task into the unit's store and delivery feed. When the router gives the unit an
 * appeal again (a hand-back that came back), the unit's work starts over: a `task.rerouted` is
 * recorded once per routing, as the next version, so an action racing with it loses cleanly.
 */
export function createRecordTask(deps: { tasks: TaskRepository; work: WorkLog; feed: TaskFeed }) {
  return async function recordTask(routed: TaskAssigned): Promise<void> {
    const { version: _version, ...fields } = routed;
    // A routed task makes its unit the lead; co-executor units get theirs from the lead's action.
    const task: StoredTask = { ...fields, role: 'lead', leadUnit: routed.unit };
    const { seq, rerouted } = await deps.tasks.record(task);
    if (rerouted) await startOver(task);
    if (seq !== undefined) deps.feed.notify(task.unit, seq);
  };

  async function startOver(task: StoredTask): Promise<void> {
    for (;;) {
      const history = await deps.work.history(task.appealId, task.unit);
      if (history.some(({ event }) => event.type === 'task.rerouted' && event.routedAt === task.routedAt)) return;
      const state = foldEvents(task, history.map(({ event }) => event));
      const event = { type: 'task.rerouted' as const, routedAt: task.routedAt, occurredAt: new Date().toISOString() };
      try {
        await deps.work.appendRerouted(task.appealId, task.unit, state.version + 1, event);
      } catch (error) {
        if (error instanceof WorkVersionTaken) continue;
        throw error;
      }
      await deps.tasks.updateView(evolve(state, event));
      return;
    }
  }
}
export type RecordTask = ReturnType<typeof createRecordTask>;
