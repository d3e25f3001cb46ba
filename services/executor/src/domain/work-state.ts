import type {
  AppealAccepted,
  AppealAnswered,
  AppealAssigned,
  AppealClosed,
  AppealCoExecutorAdded,
  AppealCoExecutorAnswered,
  AppealExtensionApproved,
  AppealExtensionRefused,
  AppealExtensionRequested,
  AppealForwarded,
  AppealForwardingStarted,
  AppealHandedBack,
  Channel,
  OutsideAuthority,
  RoutingTopic,
  UnitCode,
} from '@priemnaya/contracts';

/**
 * Where one unit's work on one appeal stands. `new` until someone is assigned; `handed-back`,
 * `closed` and a co-executor's `answered` end the unit's work; `withdrawn` ends a co-executor's
 * when the lead's work ends.
 */
export type WorkStatus = 'new' | 'assigned' | 'accepted' | 'forwarding' | 'forwarded' | 'answered' | 'handed-back' | 'closed' | 'withdrawn';

/** The lead unit owns the controlling deadline and the consolidated answer; a co-executor answers its part. */
export type WorkRole = 'lead' | 'co-executor';

/** The facts of the task every event copies. */
export interface WorkTask {
  appealId: string;
  registrationNumber: string;
  unit: UnitCode;
  topic: RoutingTopic;
  /** Tasks routed before channels were recorded lack it; actions then take it from another record of the appeal. */
  channel?: Channel;
  receivedAt: string;
  role: WorkRole;
  leadUnit: UnitCode;
}

export interface ExtensionRequest {
  requestId: string;
  days: number;
  decision?: 'approved' | 'refused';
}

export interface WorkState {
  task: WorkTask;
  /** How many actions are recorded: the next one is `version + 1`. */
  version: number;
  status: WorkStatus;
  executorId?: string;
  extensions: ExtensionRequest[];
  /** Calendar days approved over all extensions (at most MAX_EXTENSION_DAYS). */
  approvedDays: number;
  coExecutors: UnitCode[];
  authority?: OutsideAuthority;
  /** Whether the unit's last answer was on the merits; unset until it answers. */
  answeredInSubstance?: boolean;
}

/** The events a unit's own actions produce; the state is their fold over the task. */
export type WorkEvent =
  | AppealAssigned
  | AppealAccepted
  | AppealAnswered
  | AppealCoExecutorAnswered
  | AppealHandedBack
  | AppealExtensionRequested
  | AppealExtensionApproved
  | AppealExtensionRefused
  | AppealForwardingStarted
  | AppealForwarded
  | AppealCoExecutorAdded
  | AppealClosed;

/**
 * Recorded, never produced: the router gave the unit the appeal again (after a hand-back came
 * back to it). The unit's work starts over; approved extensions and co-executors stay the appeal's.
 */
export interface TaskRerouted {
  type: 'task.rerouted';
  routedAt: string;
  occurredAt: string;
}

/**
 * Recorded, never produced: the lead unit's work on the appeal ended (closed, forwarded, handed
 * back), so this co-executor unit's task ends too and takes no more actions.
 */
export interface TaskWithdrawn {
  type: 'task.withdrawn';
  leadUnit: UnitCode;
  /** The lead's event that ended its work. */
  causeEventId: string;
  occurredAt: string;
}

/** What happens to a unit's task without an action of its own. */
export type TaskRecorded = TaskRerouted | TaskWithdrawn;

/** What the work log holds: the unit's actions, its re-routings and withdrawals. */
export type RecordedEvent = WorkEvent | TaskRecorded;

export function initialState(task: WorkTask): WorkState {
  return { task, version: 0, status: 'new', extensions: [], approvedDays: 0, coExecutors: [] };
}

/** The state after one more recorded event. */
export function evolve(state: WorkState, event: RecordedEvent): WorkState {
  const next: WorkState = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'task.rerouted': {
      const { executorId: _executorId, authority: _authority, answeredInSubstance: _answered, ...rest } = next;
      return { ...rest, status: 'new' };
    }
    case 'task.withdrawn':
      return { ...next, status: 'withdrawn' };
    case 'appeal.assigned':
      return { ...next, executorId: event.executorId, status: state.status === 'forwarding' ? 'forwarding' : 'assigned' };
    case 'appeal.accepted':
      return { ...next, executorId: event.by, status: 'accepted' };
    case 'appeal.answered':
    case 'appeal.co-executor-answered':
      return { ...next, status: 'answered', answeredInSubstance: event.answer.inSubstance };
    case 'appeal.handed-back':
      return { ...next, status: 'handed-back' };
    case 'appeal.extension-requested':
      return { ...next, extensions: [...state.extensions, { requestId: event.requestId, days: event.days }] };
    case 'appeal.extension-approved':
      return {
        ...next,
        approvedDays: state.approvedDays + event.days,
        extensions: state.extensions.map((request) => (request.requestId === event.requestId ? { ...request, decision: 'approved' } : request)),
      };
    case 'appeal.extension-refused':
      return {
        ...next,
        extensions: state.extensions.map((request) => (request.requestId === event.requestId ? { ...request, decision: 'refused' } : request)),
      };
    case 'appeal.forwarding-started':
      return { ...next, status: 'forwarding', authority: event.authority };
    case 'appeal.forwarded':
      return { ...next, status: 'forwarded' };
    case 'appeal.co-executor-added':
      return { ...next, coExecutors: [...state.coExecutors, event.coExecutorUnit] };
    case 'appeal.closed':
      return { ...next, status: 'closed' };
  }
}

export function foldEvents(task: WorkTask, events: readonly RecordedEvent[]): WorkState {
  return events.reduce(evolve, initialState(task));
}

/** Whether the unit's work is still to be done (counts towards an executor's load). */
export function isOpen(status: WorkStatus): boolean {
  return status === 'new' || status === 'assigned' || status === 'accepted' || status === 'forwarding';
}

/** The extension request waiting for a supervisor's decision, if any. */
export function pendingExtension(state: WorkState): ExtensionRequest | undefined {
  return state.extensions.find((request) => request.decision === undefined);
}
