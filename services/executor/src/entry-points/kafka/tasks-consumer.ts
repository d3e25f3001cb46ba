import type { TopicNames } from '@priemnaya/contracts';
import { startConsumer, type Kafka, type RunningConsumer } from '@priemnaya/kafka';
import type { Logger } from 'pino';
import type { TaskRepository } from '../../data-access/task-repository.js';

/** Every unit's `tasks.<unit>` topic into the task store. */
export function startTasksConsumer(deps: {
  kafka: Kafka;
  names: TopicNames;
  groupId: string;
  logger: Logger;
  tasks: TaskRepository;
}): Promise<RunningConsumer> {
  return startConsumer({
    kafka: deps.kafka,
    names: deps.names,
    groupId: deps.groupId,
    logger: deps.logger,
    topics: ['tasks'],
    handlers: {
      tasks: async (task, meta) => {
        if (deps.names.unitOfTaskTopic(meta.topic) !== task.unit) {
          throw Object.assign(new Error(`task for unit ${task.unit} arrived on ${meta.topic}`), { retriable: false });
        }
        await deps.tasks.record(task);
      },
    },
  });
}
