import type { StoredTask, TaskRepository } from '../data-access/task-repository.js';
import { WorkVersionTaken, type WorkLog } from '../data-access/work-log.js';
import { evolve, foldEvents } from '../domain/work-state.js';

/**
 * The unit was given the appeal again (routed back after a hand-back, or added as a co-executor
 * by a later lead): its work starts over. A `task.rerouted` is recorded once per routing, as the
 * next version, so an action racing with it loses cleanly; then the listed status follows.
 * Both ways a task reaches a unit (the router's topic and a lead's co-executor) come through here.
 */
export async function startOver(deps: { tasks: TaskRepository; work: WorkLog }, task: StoredTask): Promise<void> {
  for (;;) {
    const history = await deps.work.history(task.appealId, task.unit);
    if (history.some(({ event }) => event.type === 'task.rerouted' && event.routedAt === task.routedAt)) return;
    const state = foldEvents(task, history.map(({ event }) => event));
    const event = { type: 'task.rerouted' as const, routedAt: task.routedAt, occurredAt: new Date().toISOString() };
    try {
      await deps.work.appendRecorded(task.appealId, task.unit, state.version + 1, event);
    } catch (error) {
      if (error instanceof WorkVersionTaken) continue;
      throw error;
    }
    await deps.tasks.updateView(evolve(state, event));
    return;
  }
}
