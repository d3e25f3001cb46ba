import { MAX_EXTENSION_DAYS } from '@priemnaya/contracts';
import type { WorkCommand } from './work-commands.js';
import { pendingExtension, type WorkEvent, type WorkState, type WorkStatus } from './work-state.js';

/** Who is acting, as their token says. */
export interface Actor {
  staffId: string;
}

/** What the decision needs from outside, so it stays pure: the new event's id and time, a new request id. */
export interface DecisionContext {
  eventId: string;
  now: Date;
  newRequestId: string;
  /** For the lead's answer: the co-executor units whose task is still open (their part not answered). */
  unansweredCoExecutors?: readonly string[];
  /** For extensions: the days approved on the appeal over all units (the 30-day cap is the appeal's). */
  approvedDaysOfAppeal?: number;
}

export type Decision = { ok: true; event: WorkEvent } | { ok: false; reason: string };

const STATUS_WORDS: Record<WorkStatus, string> = {
  new: 'not yet assigned',
  assigned: 'assigned but not accepted',
  accepted: 'accepted',
  forwarding: 'being forwarded',
  forwarded: 'forwarded',
  answered: 'answered',
  'handed-back': 'handed back',
  closed: 'closed',
  withdrawn: "withdrawn (the lead unit's work on the appeal ended)",
};

const refuse = (reason: string): Decision => ({ ok: false, reason });
const notIn = (state: WorkState, verb: string): Decision => refuse(`cannot ${verb}: the task is ${STATUS_WORDS[state.status]}`);

/**
 * Whether the action is allowed in the task's state and, if so, the one event that records it.
 * A refusal names the rule; nothing is recorded for it.
 */
export function decideWork(state: WorkState, command: WorkCommand, actor: Actor, context: DecisionContext): Decision {
  const { task } = state;
  // Every event carries the appeal's channel; a task routed before channels were recorded acts
  // once the channel is found elsewhere (see the use case), and is refused only when it is not.
  if (task.channel === undefined) {
    return refuse(`cannot ${command.kind}: the appeal's channel is not known (the task was routed before channels were recorded and no other record of the appeal names it)`);
  }
  const base = {
    version: 1 as const,
    eventId: context.eventId,
    appealId: task.appealId,
    registrationNumber: task.registrationNumber,
    occurredAt: context.now.toISOString(),
    channel: task.channel,
    receivedAt: task.receivedAt,
    by: actor.staffId,
    unit: task.unit,
  };
  const lead = task.role === 'lead';
  const approvedDays = Math.max(state.approvedDays, context.approvedDaysOfAppeal ?? 0);
  const leadOnly = (verb: string): Decision | undefined => (lead ? undefined : refuse(`cannot ${verb}: only the lead unit ${task.leadUnit} may`));
  const ownTask = (verb: string): Decision | undefined => {
    if (state.executorId === undefined) return refuse(`cannot ${verb}: the task is not accepted yet`);
    if (state.executorId !== actor.staffId) return refuse(`cannot ${verb}: the task is assigned to another executor`);
    return undefined;
  };

  switch (command.kind) {
    case 'assign': {
      if (!['new', 'assigned', 'accepted', 'forwarding'].includes(state.status)) return notIn(state, 'assign');
      if (state.executorId === command.executorId) return refuse('cannot assign: the task is already assigned to that executor');
      const previous = state.executorId;
      return {
        ok: true,
        event: {
          ...base,
          type: 'appeal.assigned',
          executorId: command.executorId,
          mode: previous === undefined ? command.mode : 'reassigned',
          ...(previous !== undefined ? { previousExecutorId: previous } : {}),
          ...(command.why !== undefined ? { why: command.why } : {}),
        },
      };
    }
    case 'accept': {
      if (state.status !== 'new' && state.status !== 'assigned') return notIn(state, 'accept');
      if (state.executorId !== undefined && state.executorId !== actor.staffId) return refuse('cannot accept: the task is assigned to another executor');
      return { ok: true, event: { ...base, type: 'appeal.accepted' } };
    }
    case 'answer': {
      if (state.status !== 'accepted') return notIn(state, 'answer');
      const refusal = ownTask('answer');
      if (refusal) return refusal;
      // The lead owns the consolidated answer of all parts.
      const waiting = lead ? (context.unansweredCoExecutors ?? []) : [];
      if (waiting.length > 0) return refuse(`cannot answer: the co-executor units ${waiting.join(', ')} have not answered their parts yet`);
      return lead
        ? { ok: true, event: { ...base, type: 'appeal.answered', answer: command.answer } }
        : { ok: true, event: { ...base, type: 'appeal.co-executor-answered', leadUnit: task.leadUnit, answer: command.answer } };
    }
    case 'hand-back': {
      const refusal = leadOnly('hand back') ?? (state.status === 'assigned' || state.status === 'accepted' ? ownTask('hand back') : notIn(state, 'hand back'));
      if (refusal) return refusal;
      return {
        ok: true,
        event: {
          ...base,
          type: 'appeal.handed-back',
          reason: command.reason,
          ...(command.suggestedUnit !== undefined ? { suggestedUnit: command.suggestedUnit } : {}),
          ...(command.suggestedTopic !== undefined ? { suggestedTopic: command.suggestedTopic } : {}),
        },
      };
    }
    case 'request-extension': {
      const refusal = leadOnly('request an extension') ?? (state.status === 'accepted' ? ownTask('request an extension') : notIn(state, 'request an extension'));
      if (refusal) return refusal;
      if (pendingExtension(state)) return refuse('cannot request an extension: an earlier request is still waiting for a decision');
      if (approvedDays + command.days > MAX_EXTENSION_DAYS) {
        return refuse(`cannot request ${command.days} days: ${approvedDays} already approved, at most ${MAX_EXTENSION_DAYS} in total`);
      }
      return {
        ok: true,
        event: { ...base, type: 'appeal.extension-requested', requestId: context.newRequestId, days: command.days, justification: command.justification },
      };
    }
    case 'approve-extension':
    case 'refuse-extension': {
      const verb = command.kind === 'approve-extension' ? 'approve the extension' : 'refuse the extension';
      const request = state.extensions.find((candidate) => candidate.requestId === command.requestId);
      if (request === undefined) return refuse(`cannot ${verb}: the task has no extension request ${command.requestId}`);
      if (request.decision !== undefined) return refuse(`cannot ${verb}: the request was already ${request.decision}`);
      if (!['assigned', 'accepted', 'forwarding'].includes(state.status)) return notIn(state, verb);
      if (command.kind === 'refuse-extension') {
        return { ok: true, event: { ...base, type: 'appeal.extension-refused', requestId: request.requestId, why: command.why } };
      }
      if (approvedDays + request.days > MAX_EXTENSION_DAYS) {
        return refuse(`cannot approve ${request.days} days: ${approvedDays} already approved, at most ${MAX_EXTENSION_DAYS} in total`);
      }
      return { ok: true, event: { ...base, type: 'appeal.extension-approved', requestId: request.requestId, days: request.days, why: command.why } };
    }
    case 'start-forwarding': {
      const refusal = leadOnly('forward') ?? (state.status === 'accepted' ? ownTask('forward') : notIn(state, 'forward'));
      if (refusal) return refusal;
      return { ok: true, event: { ...base, type: 'appeal.forwarding-started', authority: command.authority, why: command.why } };
    }
    case 'mark-forwarded': {
      const refusal = leadOnly('mark as forwarded') ?? (state.status === 'forwarding' ? ownTask('mark as forwarded') : notIn(state, 'mark as forwarded'));
      if (refusal) return refusal;
      if (state.authority === undefined) return notIn(state, 'mark as forwarded');
      return {
        ok: true,
        event: {
          ...base,
          type: 'appeal.forwarded',
          authority: state.authority,
          ...(command.outgoingNumber !== undefined ? { outgoingNumber: command.outgoingNumber } : {}),
        },
      };
    }
    case 'add-co-executor': {
      const refusal = leadOnly('add a co-executor') ?? (state.status === 'accepted' ? ownTask('add a co-executor') : notIn(state, 'add a co-executor'));
      if (refusal) return refusal;
      if (command.coExecutorUnit === task.unit) return refuse('cannot add a co-executor: the unit is the lead unit itself');
      if (state.coExecutors.includes(command.coExecutorUnit)) return refuse(`cannot add a co-executor: ${command.coExecutorUnit} is already one`);
      return { ok: true, event: { ...base, type: 'appeal.co-executor-added', coExecutorUnit: command.coExecutorUnit, why: command.why } };
    }
    case 'close': {
      const refusal = leadOnly('close') ?? ownTask('close');
      if (refusal) return refusal;
      const required: Record<typeof command.outcome, WorkStatus[]> = {
        answered: ['answered'],
        forwarded: ['forwarded'],
        // Art. 11 of 59-FZ: the citizen is told why the appeal is not answered on the merits; that
        // explanation is the answer recorded with inSubstance false, which must come first.
        'left-without-answer': ['answered'],
        withdrawn: ['accepted', 'forwarding'],
      };
      if (command.outcome === 'left-without-answer' && !(state.status === 'answered' && state.answeredInSubstance === false)) {
        return refuse('cannot close as left-without-answer: first record an answer with inSubstance false telling the citizen why the appeal is not answered on the merits (art. 11 of 59-FZ)');
      }
      if (!required[command.outcome].includes(state.status)) return refuse(`cannot close as ${command.outcome}: the task is ${STATUS_WORDS[state.status]}`);
      return { ok: true, event: { ...base, type: 'appeal.closed', outcome: command.outcome, ...(command.why !== undefined ? { why: command.why } : {}) } };
    }
  }
}
