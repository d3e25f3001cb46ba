import type { LeftWithoutAnswerPart } from '@priemnaya/contracts';
import { extensionOfTask, shippedDeadlineRules, type DeadlineRules } from './extension-terms.js';
import { contestedBy } from './complaint-addressee.js';
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
  /** For extensions: the days approved on the appeal over all units (the policy's limit is the appeal's). */
  approvedDaysOfAppeal?: number;
  /** For extensions: the policies and calendar the monitor runs on; those shipped when absent. */
  deadlineRules?: DeadlineRules;
  /** For ending the correspondence: which of the earlier appeals named were answered on the merits here. */
  answeredOnTheMerits?: readonly string[];
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
      const contested = command.suggestedUnit !== undefined ? contestedBy(state.lawKind, state.complaintAbout, { name: command.suggestedUnit, unit: command.suggestedUnit }) : undefined;
      if (contested !== undefined) return refuse(`cannot suggest ${command.suggestedUnit ?? ''}: ${contested}`);
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
      const extension = extensionOfTask(task, context.deadlineRules ?? shippedDeadlineRules(), approvedDays, command.days, context.now);
      if (!extension.allowed) return refuse(`cannot request ${command.days} days: ${extension.reason}`);
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
      const extension = extensionOfTask(task, context.deadlineRules ?? shippedDeadlineRules(), approvedDays, request.days, context.now);
      if (!extension.allowed) return refuse(`cannot approve ${request.days} days: ${extension.reason}`);
      return {
        ok: true,
        event: {
          ...base,
          type: 'appeal.extension-approved',
          requestId: request.requestId,
          days: request.days,
          why: command.why,
          newDueDate: extension.due.dueDate,
          basis: extension.basis,
        },
      };
    }
    case 'start-forwarding': {
      const refusal = leadOnly('forward') ?? (state.status === 'accepted' ? ownTask('forward') : notIn(state, 'forward'));
      if (refusal) return refusal;
      const [authority] = command.authorities;
      for (const [index, candidate] of command.authorities.entries()) {
        const contested = contestedBy(state.lawKind, state.complaintAbout, candidate);
        if (contested !== undefined) return refuse(`cannot forward to ${candidate.name}: ${contested}`);
        if (command.authorities.findIndex((other) => other.name === candidate.name) !== index) return refuse(`cannot forward: ${candidate.name} is named twice`);
      }
      // 59-FZ ст. 8 ч. 4: a copy to each competent body; only some questions when `partial`.
      return {
        ok: true,
        event: { ...base, type: 'appeal.forwarding-started', authority, authorities: command.authorities, partial: command.partial, why: command.why },
      };
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
          authorities: state.authorities ?? [state.authority],
          partial: state.partialForwarding === true,
          ...(command.outgoingNumber !== undefined ? { outgoingNumber: command.outgoingNumber } : {}),
        },
      };
    }
    case 'decide-law-kind': {
      const refusal = leadOnly('decide the kind') ?? (['assigned', 'accepted', 'forwarding'].includes(state.status) ? ownTask('decide the kind') : notIn(state, 'decide the kind'));
      if (refusal) return refusal;
      if (command.complaintAbout !== undefined && command.lawKind !== 'complaint') return refuse('complaintAbout: only a complaint names whom it contests (59-ФЗ ст. 4)');
      const { by: _by, ...facts } = base;
      return {
        ok: true,
        event: {
          ...facts,
          type: 'appeal.law-kind-decided',
          lawKind: command.lawKind,
          decidedBy: { kind: 'staff', staffId: actor.staffId },
          ...(command.complaintAbout !== undefined ? { complaintAbout: command.complaintAbout } : {}),
        },
      };
    }
    case 'return-to-citizen': {
      const refusal = leadOnly('return to the citizen') ?? (state.status === 'accepted' ? ownTask('return to the citizen') : notIn(state, 'return to the citizen'));
      if (refusal) return refusal;
      if (state.lawKind !== 'complaint') {
        return refuse(`cannot return to the citizen: only a complaint that cannot be sent elsewhere is returned (59-ФЗ ст. 8 ч. 7), and the appeal's kind is ${state.lawKind ?? 'undecided'}`);
      }
      return {
        ok: true,
        event: { ...base, type: 'appeal.returned-to-citizen', reason: 'complaint-against-addressee', basis: '59-ФЗ ст. 8 ч. 7', ...(command.why !== undefined ? { why: command.why } : {}) },
      };
    }
    case 'set-tags': {
      // The tags choose the appeal's deadline policy, which the lead unit's clock follows.
      const refusal = leadOnly('set the tags') ?? (['new', 'assigned', 'accepted', 'forwarding'].includes(state.status) ? undefined : notIn(state, 'set the tags'));
      if (refusal) return refusal;
      const repeated = command.tags.find((tag, index) => command.tags.indexOf(tag) !== index);
      if (repeated !== undefined) return refuse(`tags: ${repeated} is named twice`);
      // The same set again is recorded, not refused: another unit may have changed the appeal's tags since this unit last saw them.
      return { ok: true, event: { ...base, type: 'appeal.tags-set', tags: command.tags, ...(command.why !== undefined ? { why: command.why } : {}) } };
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
      if (command.outcome === 'left-without-answer') {
        const leaving = leavingRefusal(state, command.article11Part);
        if (leaving) return leaving;
        const why = command.why !== undefined ? { why: command.why } : {};
        return { ok: true, event: { ...base, type: 'appeal.closed', outcome: 'left-without-answer', article11Part: command.article11Part, ...why } };
      }
      const required: Record<Exclude<typeof command.outcome, 'left-without-answer'>, WorkStatus[]> = {
        answered: ['answered'],
        forwarded: ['forwarded'],
        withdrawn: ['accepted', 'forwarding'],
      };
      if (!required[command.outcome].includes(state.status)) return refuse(`cannot close as ${command.outcome}: the task is ${STATUS_WORDS[state.status]}`);
      return { ok: true, event: { ...base, type: 'appeal.closed', outcome: command.outcome, ...(command.why !== undefined ? { why: command.why } : {}) } };
    }
    case 'end-correspondence': {
      const refusal = leadOnly('end the correspondence');
      if (refusal) return refusal;
      const explained = state.status === 'answered' && state.answeredInSubstance === false;
      if (!(['new', 'assigned', 'accepted'].includes(state.status) || explained)) return notIn(state, 'end the correspondence');
      // The decision is recorded and the closing that follows it is not (another action came
      // between them): this closes the appeal now, as the decision said.
      if (state.correspondenceEnded === true) {
        return { ok: true, event: { ...base, type: 'appeal.closed', outcome: 'left-without-answer', article11Part: '5', why: command.why } };
      }
      const earlier = [...new Set(command.earlierAppealIds)];
      if (earlier.includes(task.appealId)) return refuse('earlierAppealIds: must name the earlier appeals, not this one');
      if (earlier.length < 2) return refuse('earlierAppealIds: 59-FZ art. 11 part 5 needs at least two earlier appeals answered on the merits');
      const merits = new Set(context.answeredOnTheMerits ?? []);
      const unanswered = earlier.filter((appealId) => !merits.has(appealId));
      if (unanswered.length > 0) {
        return refuse(`cannot end the correspondence: no answer on the merits is recorded for ${unanswered.join(', ')} (59-FZ art. 11 part 5 rests on earlier answers on the merits)`);
      }
      return { ok: true, event: { ...base, type: 'appeal.correspondence-ended', decidedAs: 'supervisor', earlierAppealIds: earlier, why: command.why } };
    }
  }
}

/**
 * 59-FZ art. 11: an appeal left without an answer names the part it rests on. Parts 1 and 4
 * ("ответ не дается") and part 5 (its decision tells the citizen) need no answer document; the
 * others tell the citizen why, and that explanation is an answer with inSubstance false, first.
 */
function leavingRefusal(state: WorkState, part: LeftWithoutAnswerPart | undefined): Decision | undefined {
  if (part === undefined) return refuse('article11Part: must name the part of art. 11 of 59-FZ the appeal is left without an answer under');
  const explained = state.status === 'answered' && state.answeredInSubstance === false;
  if (part === '5' && state.correspondenceEnded !== true) {
    return refuse("cannot close under art. 11 part 5: the head's decision to end the correspondence is not recorded (end-correspondence)");
  }
  if (part === '1' || part === '4' || part === '5') {
    return state.status === 'accepted' || explained ? undefined : refuse(`cannot close as left-without-answer: the task is ${STATUS_WORDS[state.status]}`);
  }
  if (!explained) {
    return refuse(`cannot close as left-without-answer under art. 11 part ${part}: first record an answer with inSubstance false telling the citizen why the appeal is not answered on the merits`);
  }
  return undefined;
}
