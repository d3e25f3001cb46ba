import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { TaskRepository } from '../../data-access/task-repository.js';
import type { TaskFeed } from '../../delivery/task-feed.js';

/** Every unit's `tasks.<unit>` topic into the task store and the unit's delivery feed. */
export function startTasksConsumer(context: ConsumerContext, tasks: TaskRepository, feed: TaskFeed): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    topics: ['tasks'],
    handlers: {
      tasks: async (task, meta) => {
        if (context.names.unitOfTaskTopic(meta.topic) !== task.unit) {
          throw Object.assign(new Error(`task for unit ${task.unit} arrived on ${meta.topic}`), { retriable: false });
        }
        const { version: _version, ...fields } = task;
        // A routed task makes its unit the lead; co-executor units get theirs from the lead's action.
        const seq = await tasks.record({ ...fields, role: 'lead', leadUnit: task.unit });
        if (seq !== undefined) feed.notify(task.unit, seq);
      },
    },
  });
}
