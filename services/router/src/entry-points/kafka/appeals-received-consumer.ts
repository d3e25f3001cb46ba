import type { AppealReceived } from '@priemnaya/contracts';
import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { DecisionRecord } from '../../domain/route-appeal.js';

/** `appeals.received` to the routing use case; decoding and validation happen in startConsumer. */
export function startAppealsReceivedConsumer(
  context: ConsumerContext,
  routeAppeal: (appeal: AppealReceived) => Promise<DecisionRecord>,
): Promise<RunningConsumer> {
  return startConsumer({
    ...context,
    topics: ['appeals.received'],
    handlers: {
      'appeals.received': async (appeal) => {
        const record = await routeAppeal(appeal);
        context.logger.info(
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
