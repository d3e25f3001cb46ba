import type { ConsumerContext, RunningConsumer } from '@priemnaya/kafka';
import type { Logger } from 'pino';
import type { HandledMessage } from './exactly-once-consumer.js';
import { startExactlyOnceConsumer } from './exactly-once-consumer.js';
import type { AppealEvent, AppealHandedBack, AppealLawKindDecided, AppealReceived, OutgoingMessage } from '@priemnaya/contracts';
import { isRetriable } from '@priemnaya/errors';
import type { InputPosition, RoutedAppeal } from '../../domain/route-appeal.js';
import { countRouted, tracedRouteAppeal } from '../../observability/routing-telemetry.js';

export interface RouterConsumerUseCases {
  routeAppeal(appeal: AppealReceived, position: InputPosition): Promise<RoutedAppeal>;
  handleHandBack(event: AppealHandedBack): Promise<OutgoingMessage[]>;
  /** The live precision guard learns whether an auto-routed appeal was routed right. */
  learnOutcome(event: AppealEvent): Promise<void>;
  /** A person decided the kind (59-FZ ст. 4): later routing of a complaint must respect it. */
  recordLawKind(event: AppealLawKindDecided): Promise<void>;
}

/**
 * `appeals.received` (route each appeal) and `appeals.events` (re-route what a unit handed back,
 * and tell the precision guard how auto-routed appeals fared) under one consumer group, each
 * input slice committed with its outputs in one transaction.
 */
export function startRouterConsumer(
  context: ConsumerContext,
  useCases: RouterConsumerUseCases,
  maxMessagesPerTransaction: number,
): Promise<RunningConsumer> {
  const routeAppeal = tracedRouteAppeal((appeal, position) => useCases.routeAppeal(appeal, position));
  return startExactlyOnceConsumer({
    ...context,
    topics: ['appeals.received', 'appeals.events'],
    maxMessagesPerTransaction,
    handlers: {
      'appeals.received': async (appeal, position): Promise<HandledMessage> => {
        const routed = await routeAppeal(appeal, position);
        logDecision(context.logger, routed);
        return {
          messages: routed.messages,
          committed: () => {
            // Counted once its messages are out: a later copy of an appeal produces none.
            if (routed.messages.length > 0) countRouted(routed.record);
            return routed.committed();
          },
        };
      },
      'appeals.events': async (event): Promise<HandledMessage> => {
        await learnOutcome(context.logger, useCases, event);
        if (event.type === 'appeal.law-kind-decided') {
          await useCases.recordLawKind(event);
          return { messages: [] };
        }
        // Every other event (the router's own among them) only moves the offset on.
        if (event.type !== 'appeal.handed-back') return { messages: [] };
        const messages = await useCases.handleHandBack(event);
        context.logger.info({ appealId: event.appealId, fromUnit: event.unit, outcome: messages[0]?.topic }, 'hand-back re-routed');
        return { messages };
      },
    },
  });
}

/**
 * The guard's bookkeeping must not cost an appeal its re-routing: a failure that a retry can mend
 * (the database away) retries the slice, which is safe since every step is idempotent; any other
 * is logged and the event handled without it.
 */
async function learnOutcome(logger: Logger, useCases: RouterConsumerUseCases, event: AppealEvent): Promise<void> {
  try {
    await useCases.learnOutcome(event);
  } catch (error) {
    if (isRetriable(error)) throw error;
    logger.warn({ err: error, appealId: event.appealId, eventType: event.type }, 'precision guard could not learn from the event; it is not counted');
  }
}

function logDecision(logger: Logger, { record, messages }: RoutedAppeal): void {
  const { decision } = record;
  logger.info(
    {
      appealId: record.appealId,
      decision: decision.kind,
      unit: decision.kind === 'route' ? decision.unit : undefined,
      reason: decision.reason.kind,
      modelVersion: record.model?.version,
      repeat: messages.length === 0,
    },
    'appeal routed',
  );
}
