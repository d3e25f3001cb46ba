import { trace } from '@opentelemetry/api';
import { startConsumer, type ConsumerContext, type RunningConsumer } from '@priemnaya/kafka';
import type { LifecycleEvent } from '@priemnaya/deadlines';
import { lifecycleFromEvent, lifecycleFromReceived } from '../../domain/lifecycle-from-appeal.js';

export interface AppealsUseCases {
  record: (event: LifecycleEvent, registrationNumber?: string) => Promise<void>;
  /** An answer of a unit, for its pace in the at-risk forecast. */
  recordAnswer: (answer: { eventId: string; appealId: string; unit: string; answeredAt: string }) => Promise<void>;
}

const tracer = trace.getTracer('@priemnaya/monitor');

/** Both appeal topics into the clocks; from the beginning, so a new group rebuilds every clock. */
export function startAppealsConsumer(context: ConsumerContext, useCases: AppealsUseCases): Promise<RunningConsumer> {
  const { recordAnswer } = useCases;
  // The step of the appeal's trace where its clocks start, stop and plan the stages that fire later.
  const record = (event: LifecycleEvent, registrationNumber?: string) =>
    tracer.startActiveSpan('plan stages', { attributes: { 'priemnaya.appeal.id': event.appealId, 'priemnaya.lifecycle.type': event.type } }, async (span) => {
      try {
        await useCases.record(event, registrationNumber);
      } finally {
        span.end();
      }
    });
  return startConsumer({
    ...context,
    fromBeginning: true,
    topics: ['appeals.received', 'appeals.events'],
    handlers: {
      'appeals.received': (appeal) => record(lifecycleFromReceived(appeal), appeal.registrationNumber),
      'appeals.events': async (event) => {
        const lifecycle = lifecycleFromEvent(event);
        if (lifecycle !== undefined) await record(lifecycle, event.registrationNumber);
        if (event.type === 'appeal.answered') await recordAnswer({ eventId: event.eventId, appealId: event.appealId, unit: event.unit, answeredAt: event.occurredAt });
      },
    },
  });
}
