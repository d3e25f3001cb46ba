import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { AppealReadModel } from '../../data-access/appeal-read-model.js';
import { factFromReceived } from '../../domain/appeal-facts.js';

/** Every fact about an appeal, from both topics, into the read model. */
export function startRegistryConsumer(context: ConsumerContext, readModel: AppealReadModel): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    fromBeginning: true,
    topics: ['appeals.received', 'appeals.events'],
    handlers: {
      'appeals.received': (appeal) => readModel.apply(factFromReceived(appeal)),
      'appeals.events': (event) => readModel.apply(event),
    },
  });
}
