import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { TaskRepository } from '../../data-access/task-repository.js';

/** Every unit's `tasks.<unit>` topic into the task store. */
export function startTasksConsumer(context: ConsumerContext, tasks: TaskRepository): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    topics: ['tasks'],
    handlers: {
      tasks: async (task, meta) => {
        if (context.names.unitOfTaskTopic(meta.topic) !== task.unit) {
          throw Object.assign(new Error(`task for unit ${task.unit} arrived on ${meta.topic}`), { retriable: false });
        }
        await tasks.record(task);
      },
    },
  });
}
