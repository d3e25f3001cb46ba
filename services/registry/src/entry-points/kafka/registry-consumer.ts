import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { AppealReadModel } from '../../data-access/appeal-read-model.js';
import { changeFromEvent, changeFromReceived } from '../../domain/apply-event.js';

/** Every fact about an appeal, from both topics, into the read model. */
export function startRegistryConsumer(context: ConsumerContext, readModel: AppealReadModel): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    fromBeginning: true,
    topics: ['appeals.received', 'appeals.events'],
    handlers: {
      'appeals.received': (appeal) => readModel.apply(changeFromReceived(appeal)),
      'appeals.events': (event) => readModel.apply(changeFromEvent(event)),
    },
  });
}
