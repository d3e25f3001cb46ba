import type { Metadata, ServerUnaryCall } from '@grpc/grpc-js';
import type { StaffPrincipal } from '@priemnaya/auth';
import type { z } from 'zod';
import type { ExtensionTerms as ExtensionTermsProto, TaskDelivery, TaskSummary, WorkState as WorkStateProto } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
import type { FeedEntry, TaskView } from '../../data-access/task-repository.js';
import type { WorkState } from '../../domain/work-state.js';
import type { ExtensionTerms, WorkActions } from '../../use-cases/act-on-task.js';
import { stateView } from '../work-views.js';
import { TaskParams, toWorkRequest, WORK_BODIES, type WorkBodies } from '../work-schemas.js';
import { answering, parseProto, withoutBlanks } from './grpc-calls.js';

interface TaskCall {
  unit: string;
  appealId: string;
}

/**
 * One action call: authenticate, validate the task and the command's fields (an unset optional
 * string, sent as "", is absent), then the use case; the answer is the new state and its event.
 */
export function taskAction(deps: { authenticate(metadata: Metadata): Promise<StaffPrincipal>; actions: WorkActions }) {
  return <Req extends TaskCall, K extends keyof WorkBodies>(kind: K, fields: (request: Req) => Record<string, unknown>, optional: readonly string[]) =>
    async (request: Req, call: ServerUnaryCall<Req, unknown>) => {
      const principal = await deps.authenticate(call.metadata);
      const { unit, appealId } = parseProto(TaskParams, { unit: request.unit, appealId: request.appealId });
      const body = parseProto(WORK_BODIES[kind], withoutBlanks(fields(request), optional)) as z.infer<WorkBodies[K]>;
      const { state, event } = await answering(() => deps.actions.act(principal, unit, appealId, toWorkRequest(kind, body)));
      return {
        state: stateProto(state),
        event: { eventId: event.eventId, type: event.type, occurredAt: event.occurredAt },
        requestId: event.type === 'appeal.extension-requested' ? event.requestId : '',
      };
    };
}

export function stateProto(state: WorkState): WorkStateProto {
  const view = stateView(state);
  return {
    appealId: view.appealId,
    unit: view.unit,
    role: view.role,
    leadUnit: view.leadUnit,
    status: view.status,
    executorId: view.executorId ?? '',
    version: view.version,
    approvedExtensionDays: view.approvedExtensionDays,
    extensions: view.extensions.map((request) => ({ requestId: request.requestId, days: request.days, decision: request.decision ?? '' })),
    coExecutorUnits: view.coExecutorUnits,
    tags: view.tags,
  };
}

export function extensionTermsProto(terms: ExtensionTerms): ExtensionTermsProto {
  return { approvedDays: terms.approvedDays, daysLeft: terms.daysLeft, basis: terms.basis ?? '', refusal: terms.refusal ?? '', reason: terms.reason ?? '' };
}

export function taskDeliveryProto(entry: FeedEntry): TaskDelivery {
  return {
    appealId: entry.appealId,
    registrationNumber: entry.registrationNumber,
    unit: entry.unit,
    topic: entry.topic,
    channel: entry.channel ?? '',
    receivedAt: entry.receivedAt,
    routedAt: entry.routedAt,
    role: entry.role,
    leadUnit: entry.leadUnit,
    text: entry.text,
  };
}

export function taskSummaryProto(task: TaskView): TaskSummary {
  return {
    appealId: task.appealId,
    registrationNumber: task.registrationNumber,
    unit: task.unit,
    topic: task.topic,
    receivedAt: task.receivedAt,
    routedAt: task.routedAt,
    role: task.role,
    leadUnit: task.leadUnit,
    status: task.status,
    executorId: task.executorId ?? '',
  };
}
