import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { RecordTask } from '../../use-cases/record-task.js';

/** Every unit's `tasks.<unit>` topic into the task store and the unit's delivery feed. */
export function startTasksConsumer(context: ConsumerContext, recordTask: RecordTask): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    topics: ['tasks'],
    handlers: {
      tasks: async (task, meta) => {
        if (context.names.unitOfTaskTopic(meta.topic) !== task.unit) {
          throw Object.assign(new Error(`task for unit ${task.unit} arrived on ${meta.topic}`), { retriable: false });
        }
        await recordTask(task);
      },
    },
  });
}
