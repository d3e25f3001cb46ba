import type { TaskAssigned } from '@priemnaya/contracts';
import type { StoredTask, TaskRepository } from '../data-access/task-repository.js';
import type { WorkLog } from '../data-access/work-log.js';
import type { TaskFeed } from '../delivery/task-feed.js';
import { startOver } from './start-over.js';

/**
 * A routed task into the unit's store and delivery feed. When the router gives the unit an
 * appeal again (a hand-back that came back), the unit's work starts over (see startOver).
 */
export function createRecordTask(deps: { tasks: TaskRepository; work: WorkLog; feed: TaskFeed }) {
  return async function recordTask(routed: TaskAssigned): Promise<void> {
    const { version: _version, ...fields } = routed;
    // A routed task makes its unit the lead; co-executor units get theirs from the lead's action.
    const task: StoredTask = { ...fields, role: 'lead', leadUnit: routed.unit };
    const { seq, rerouted } = await deps.tasks.record(task);
    if (rerouted) await startOver(deps, task);
    if (seq !== undefined) deps.feed.notify(task.unit, seq);
  };
}
export type RecordTask = ReturnType<typeof createRecordTask>;
