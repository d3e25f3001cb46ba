import type { AppealEvent } from '@priemnaya/contracts';
import { waitFor } from '@priemnaya/testing';
import type { LightMyRequestResponse } from 'fastify';
import type { StateView } from '../../src/entry-points/work-views.js';
import type { ExecutorScenario, RunningExecutor, Staff } from './executor-harness.js';

export interface ActionBody {
  state: StateView;
  event: { eventId: string; type: string; occurredAt: string };
  requestId?: string;
}

/** POSTs an action on a task as `staff`. */
export function act(executor: RunningExecutor, staff: Staff, unit: string, appealId: string, path: string, body: unknown = {}): Promise<LightMyRequestResponse> {
  return executor.post(`/v1/units/${unit}/tasks/${appealId}/${path}`, body, staff);
}

/** An action that must succeed; its answer. */
export async function done(response: Promise<LightMyRequestResponse>): Promise<ActionBody> {
  const answered = await response;
  if (answered.statusCode !== 200 && answered.statusCode !== 201) throw new Error(`action failed: ${answered.statusCode} ${answered.body}`);
  return answered.json<ActionBody>();
}

/** The events of the appeal on appeals.events once the one with `eventId` has been read. */
export async function eventsUntil(scenario: ExecutorScenario, appealId: string, eventId: string): Promise<AppealEvent[]> {
  return waitFor(
    () => {
      const events = scenario.events.ofAppeal(appealId).map((message) => message.value as AppealEvent);
      return events.some((event) => event.eventId === eventId) ? events : undefined;
    },
    { description: `event ${eventId} on appeals.events` },
  );
}

/** The one event with this id, as produced. */
export async function producedEvent(scenario: ExecutorScenario, appealId: string, eventId: string): Promise<AppealEvent> {
  const events = await eventsUntil(scenario, appealId, eventId);
  const event = events.find((candidate) => candidate.eventId === eventId);
  if (!event) throw new Error('unreachable');
  return event;
}
