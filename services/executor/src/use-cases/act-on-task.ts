import { randomUUID } from 'node:crypto';
import type { StaffPrincipal } from '@priemnaya/auth';
import { AppealEvent } from '@priemnaya/contracts';
import type { Logger } from 'pino';
import type { ExecutorDirectory } from '../data-access/executor-directory.js';
import type { StoredTask, TaskRepository } from '../data-access/task-repository.js';
import { WorkVersionTaken, type WorkLog } from '../data-access/work-log.js';
import { decideWork, type DecisionContext } from '../domain/decide-work.js';
import { extensionAllowanceOfTask, shippedDeadlineRules, type DeadlineRules } from '../domain/extension-terms.js';
import { isAvailableAt, leastLoaded } from '../domain/executor-availability.js';
import { checkAccess, type TaskPermission } from '../domain/task-access.js';
import type { WorkCommand } from '../domain/work-commands.js';
import { evolve, foldEvents, isOpen, type WorkEvent, type WorkState } from '../domain/work-state.js';
import type { DeliverRecorded } from './deliver-recorded.js';
import { AccessDenied, TaskNotFound, WorkConflict, WorkRefused } from './work-errors.js';

/** A command as people send it: an assignment without an executor goes to the least-loaded one. */
export type WorkRequest = Exclude<WorkCommand, { kind: 'assign' }> | { kind: 'assign'; executorId?: string; why?: string };

/** The extension an appeal may still get, as the form shows it. */
export interface ExtensionTerms {
  approvedDays: number;
  daysLeft: number;
  basis?: string;
  refusal?: string;
  reason?: string;
}

export interface WorkOutcome {
  state: WorkState;
  event: WorkEvent;
}

export function requireAccess(principal: StaffPrincipal, unit: string, permission: TaskPermission): void {
  const refusal = checkAccess(principal, unit, permission);
  if (refusal) throw new AccessDenied(refusal.message, refusal.field);
}

/**
 * One person's action on one unit's task: checked against who they are and the task's state,
 * recorded as the next version of the unit's work (or refused as a conflict when another action
 * took that version), then its event produced. A failed produce leaves the action recorded and
 * the event to the outbox relay: the answer is still success.
 */
export function createWorkActions(deps: {
  tasks: TaskRepository;
  work: WorkLog;
  executors: ExecutorDirectory;
  deliver: DeliverRecorded;
  logger: Logger;
  now?: () => Date;
  /** The deadline policies and calendar the extension rule reads; those shipped when absent. */
  deadlineRules?: () => DeadlineRules;
}) {
  const now = deps.now ?? (() => new Date());

  async function load(unit: string, appealId: string): Promise<{ task: StoredTask; state: WorkState; unproduced: Awaited<ReturnType<WorkLog['history']>> }> {
    const task = await deps.tasks.get(unit, appealId);
    if (!task) throw new TaskNotFound(unit, appealId);
    const history = await deps.work.history(appealId, unit);
    // A task routed before channels were recorded: every event needs the channel, so take it from
    // another unit's task or action on the appeal (when none names it, the domain refuses).
    const channel = task.channel ?? (await deps.tasks.channelOfAppeal(appealId)) ?? (await deps.work.channelOfAppeal(appealId));
    const known: StoredTask = channel !== undefined ? { ...task, channel } : task;
    return { task: known, state: foldEvents(known, history.map((action) => action.event)), unproduced: history.filter((action) => !action.produced) };
  }

  async function resolve(request: WorkRequest, unit: string, at: Date): Promise<WorkCommand> {
    if (request.kind !== 'assign') return request;
    const why = request.why !== undefined ? { why: request.why } : {};
    if (request.executorId === undefined) {
      const chosen = leastLoaded(await deps.executors.list(unit), await deps.tasks.openLoad(unit), at);
      if (!chosen) throw new WorkRefused(`cannot assign: no executor of ${unit} is available`);
      return { kind: 'assign', executorId: chosen.staffId, mode: 'least-loaded', ...why };
    }
    const named = await deps.executors.get(unit, request.executorId);
    if (!named) throw new WorkRefused(`cannot assign: ${request.executorId} is not an executor of ${unit}`);
    if (!isAvailableAt(named, at)) throw new WorkRefused(`cannot assign: ${request.executorId} is not available`);
    return { kind: 'assign', executorId: request.executorId, mode: 'named', ...why };
  }

  /** The co-executor units the lead added whose task is still open (not yet given, or not answered). */
  async function unanswered(state: WorkState): Promise<string[]> {
    const { appealId, unit } = state.task;
    const waiting: string[] = [];
    for (const coUnit of state.coExecutors) {
      const task = await deps.tasks.get(coUnit, appealId);
      // Not recorded yet: the lead's action is still being delivered.
      if (!task) {
        waiting.push(coUnit);
        continue;
      }
      if (task.leadUnit !== unit || task.role !== 'co-executor') continue;
      const history = await deps.work.history(appealId, coUnit);
      if (isOpen(foldEvents(task, history.map((action) => action.event)).status)) waiting.push(coUnit);
    }
    return waiting;
  }

  return {
    async act(principal: StaffPrincipal, unit: string, appealId: string, request: WorkRequest): Promise<WorkOutcome> {
      requireAccess(principal, unit, request.kind);
      const { state, unproduced } = await load(unit, appealId);
      const at = now();
      const command = await resolve(request, unit, at);
      const unansweredCoExecutors = command.kind === 'answer' && state.task.role === 'lead' ? await unanswered(state) : [];
      const extension = command.kind === 'request-extension' || command.kind === 'approve-extension';
      const approvedDaysOfAppeal = extension ? await deps.work.approvedDaysOfAppeal(appealId) : 0;
      const answeredOnTheMerits = command.kind === 'end-correspondence' ? await deps.work.answeredOnTheMerits(command.earlierAppealIds) : [];
      const context = (): DecisionContext => ({
        eventId: randomUUID(), now: at, newRequestId: randomUUID(), unansweredCoExecutors, approvedDaysOfAppeal, answeredOnTheMerits,
        ...(deps.deadlineRules ? { deadlineRules: deps.deadlineRules() } : {}),
      });
      const decision = decideWork(state, command, principal, context());
      if (!decision.ok) throw new WorkRefused(decision.reason);
      const event = AppealEvent.parse(decision.event) as WorkEvent & AppealEvent;
      let recorded;
      try {
        recorded = [await deps.work.append(state.version + 1, event, at)];
      } catch (error) {
        if (error instanceof WorkVersionTaken) throw new WorkConflict();
        throw error;
      }
      let next = evolve(state, event);
      // 59-FZ art. 11 part 5: the appeal closes with the head's decision. Should another action
      // take the version first, the decision stands and repeating the command closes the appeal.
      if (event.type === 'appeal.correspondence-ended') {
        const closing = decideWork(next, command, principal, context());
        if (closing.ok) {
          const closed = AppealEvent.parse(closing.event) as WorkEvent & AppealEvent;
          try {
            recorded.push(await deps.work.append(next.version + 1, closed, at));
            next = evolve(next, closed);
          } catch (error) {
            if (!(error instanceof WorkVersionTaken)) throw error;
          }
        }
      }
      await deps.tasks.updateView(next);
      try {
        // Earlier events of the appeal left unproduced go first, so the topic keeps their order.
        await deps.deliver([...unproduced, ...recorded]);
      } catch (error) {
        deps.logger.warn({ err: error, type: event.type }, 'work event not produced yet; the outbox relay will');
      }
      return { state: next, event };
    },
    async read(principal: StaffPrincipal, unit: string, appealId: string): Promise<{ task: StoredTask; state: WorkState }> {
      requireAccess(principal, unit, 'read');
      const { task, state } = await load(unit, appealId);
      return { task, state };
    },
    /**
     * What the extension rule allows the lead unit now: the days left to ask for, or why none,
     * so a form offers what the executor would accept. Undefined for a co-executor's part.
     */
    async extensionTerms(state: WorkState): Promise<ExtensionTerms | undefined> {
      if (state.task.role !== 'lead') return undefined;
      const approved = Math.max(state.approvedDays, await deps.work.approvedDaysOfAppeal(state.task.appealId));
      const allowance = extensionAllowanceOfTask(state.task, deps.deadlineRules?.() ?? shippedDeadlineRules(), approved, now());
      if (allowance.allowed) return { approvedDays: approved, daysLeft: allowance.daysLeft, basis: allowance.basis };
      return { approvedDays: approved, daysLeft: allowance.daysLeft ?? 0, refusal: allowance.refusal, reason: allowance.reason };
    },
  };
}
export type WorkActions = ReturnType<typeof createWorkActions>;
