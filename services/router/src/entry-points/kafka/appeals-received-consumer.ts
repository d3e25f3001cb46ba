import type { AppealReceived, TopicNames } from '@priemnaya/contracts';
import { startConsumer, type Kafka, type RunningConsumer } from '@priemnaya/kafka';
import type { Logger } from 'pino';
import type { DecisionRecord } from '../../domain/route-appeal.js';

/** `appeals.received` to the routing use case; decoding and validation happen in startConsumer. */
export function startAppealsReceivedConsumer(deps: {
  kafka: Kafka;
  names: TopicNames;
  groupId: string;
  logger: Logger;
  routeAppeal(appeal: AppealReceived): Promise<DecisionRecord>;
}): Promise<RunningConsumer> {
  return startConsumer({
    kafka: deps.kafka,
    names: deps.names,
    groupId: deps.groupId,
    logger: deps.logger,
    topics: ['appeals.received'],
    handlers: {
      'appeals.received': async (appeal) => {
        const record = await deps.routeAppeal(appeal);
        deps.logger.info(
          {
            appealId: appeal.appealId,
            decision: record.decision.kind,
            unit: record.decision.kind === 'route' ? record.decision.unit : undefined,
            reason: record.decision.reason.kind,
          },
          'appeal routed',
        );
      },
    },
  });
}
