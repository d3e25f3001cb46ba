import type { TopicNames } from '@priemnaya/contracts';
import { startConsumer, type Kafka, type RunningConsumer } from '@priemnaya/kafka';
import type { Logger } from 'pino';
import type { AppealReadModel } from '../../data-access/appeal-read-model.js';
import { changeFromEvent, changeFromReceived } from '../../domain/apply-event.js';

/** Every fact about an appeal, from both topics, into the read model. */
export function startRegistryConsumer(deps: {
  kafka: Kafka;
  names: TopicNames;
  groupId: string;
  logger: Logger;
  readModel: AppealReadModel;
}): Promise<RunningConsumer> {
  return startConsumer({
    kafka: deps.kafka,
    names: deps.names,
    groupId: deps.groupId,
    logger: deps.logger,
    fromBeginning: true,
    topics: ['appeals.received', 'appeals.events'],
    handlers: {
      'appeals.received': (appeal) => deps.readModel.apply(changeFromReceived(appeal)),
      'appeals.events': (event) => deps.readModel.apply(changeFromEvent(event)),
    },
  });
}
