import type { WorkState } from '../domain/work-state.js';
import type { WorkOutcome } from '../use-cases/act-on-task.js';

/** What both APIs show of a unit's work on an appeal: the state, never the appeal's text. */
export function stateView(state: WorkState) {
  return {
    appealId: state.task.appealId,
    unit: state.task.unit,
    role: state.task.role,
    leadUnit: state.task.leadUnit,
    status: state.status,
    ...(state.executorId !== undefined ? { executorId: state.executorId } : {}),
    version: state.version,
    approvedExtensionDays: state.approvedDays,
    extensions: state.extensions.map((request) => ({ requestId: request.requestId, days: request.days, ...(request.decision ? { decision: request.decision } : {}) })),
    coExecutorUnits: state.coExecutors,
    tags: state.tags ?? [],
  };
}
export type StateView = ReturnType<typeof stateView>;

export function outcomeView({ state, event }: WorkOutcome) {
  return {
    state: stateView(state),
    event: { eventId: event.eventId, type: event.type, occurredAt: event.occurredAt },
    ...(event.type === 'appeal.extension-requested' ? { requestId: event.requestId } : {}),
  };
}
