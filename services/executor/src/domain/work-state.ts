import type {
  AppealAccepted,
  AppealAnswered,
  AppealAssigned,
  AppealClosed,
  AppealCoExecutorAdded,
  AppealCoExecutorAnswered,
  AppealCorrespondenceEnded,
  AppealExtensionApproved,
  AppealExtensionRefused,
  AppealExtensionRequested,
  AppealForwarded,
  AppealForwardingStarted,
  AppealHandedBack,
  AppealKind,
  AppealLawKindDecided,
  AppealReturnedToCitizen,
  AppealTagsSet,
  ComplaintAbout,
  LawKind,
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
  /** With the channel and topic it chooses the deadline policy; tasks routed before it was carried lack it. */
  kind?: AppealKind;
  /** 59-FZ ст. 4 as the router knew it; absent means undecided. */
  lawKind?: LawKind | undefined;
  /** For a complaint: whom it contests, which it is never forwarded to (ст. 8 ч. 6). */
  complaintAbout?: ComplaintAbout | undefined;
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
  /** Days approved over the unit's extensions; the policy's extension rule bounds the appeal's total. */
  approvedDays: number;
  coExecutors: UnitCode[];
  authority?: OutsideAuthority;
  /** Every body the forwarding in progress goes to, `authority` first, and whether it is only a part (ст. 8 ч. 4). */
  authorities?: OutsideAuthority[];
  partialForwarding?: boolean;
  /** 59-FZ ст. 4: the task's kind, then the unit's own decisions on it. */
  lawKind?: LawKind;
  complaintAbout?: ComplaintAbout;
  /** Whether the unit's last answer was on the merits; unset until it answers. */
  answeredInSubstance?: boolean;
  /** The head decided to end the correspondence (59-FZ art. 11 part 5); the closing follows. */
  correspondenceEnded?: boolean;
  /** The appeal's tags as the unit last set them; deadline policies match them (59-FZ ст. 12 ч. 1.1). */
  tags?: string[];
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
  | AppealClosed
  | AppealCorrespondenceEnded
  | UnitLawKindDecided
  | AppealReturnedToCitizen
  | AppealTagsSet;

/** An executor's decision of the kind always names the unit it acted for (the work log's stream). */
export type UnitLawKindDecided = AppealLawKindDecided & { unit: UnitCode };

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
  return {
    task, version: 0, status: 'new', extensions: [], approvedDays: 0, coExecutors: [],
    ...(task.lawKind !== undefined ? { lawKind: task.lawKind } : {}),
    ...(task.complaintAbout !== undefined ? { complaintAbout: task.complaintAbout } : {}),
  };
}

/** The state after one more recorded event. */
export function evolve(state: WorkState, event: RecordedEvent): WorkState {
  const next: WorkState = { ...state, version: state.version + 1 };
  switch (event.type) {
    case 'task.rerouted': {
      const { executorId: _executorId, authority: _authority, answeredInSubstance: _answered, authorities: _authorities, partialForwarding: _partial, ...rest } = next;
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
      return { ...next, status: 'forwarding', authority: event.authority, authorities: event.authorities ?? [event.authority], partialForwarding: event.partial === true };
    case 'appeal.forwarded': {
      // 59-FZ ст. 8 ч. 4: after a part is sent, the rest is answered here; another part may follow.
      if (event.partial !== true) return { ...next, status: 'forwarded' };
      const { authority: _authority, authorities: _authorities, partialForwarding: _partial, ...rest } = next;
      return { ...rest, status: 'accepted' };
    }
    case 'appeal.law-kind-decided': {
      const { complaintAbout: _about, ...rest } = next;
      return { ...rest, lawKind: event.lawKind, ...(event.complaintAbout !== undefined ? { complaintAbout: event.complaintAbout } : {}) };
    }
    case 'appeal.returned-to-citizen':
      return { ...next, status: 'closed' };
    case 'appeal.tags-set':
      return { ...next, tags: event.tags };
    case 'appeal.co-executor-added':
      return { ...next, coExecutors: [...state.coExecutors, event.coExecutorUnit] };
    case 'appeal.closed':
      return { ...next, status: 'closed' };
    case 'appeal.correspondence-ended':
      return { ...next, correspondenceEnded: true };
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
