import type { AppealAnswer, AppealClosed, OutsideAuthority, RoutingTopic, UnitCode } from '@priemnaya/contracts';

/** What a person asks to do with a unit's task; each becomes one event when the state allows it. */
export type WorkCommand =
  | { kind: 'assign'; executorId: string; mode: 'named' | 'least-loaded'; why?: string }
  | { kind: 'accept' }
  | { kind: 'answer'; answer: AppealAnswer }
  | { kind: 'hand-back'; reason: string; suggestedUnit?: UnitCode; suggestedTopic?: RoutingTopic }
  | { kind: 'request-extension'; days: number; justification: string }
  | { kind: 'approve-extension'; requestId: string; why: string }
  | { kind: 'refuse-extension'; requestId: string; why: string }
  | { kind: 'start-forwarding'; authority: OutsideAuthority; why: string }
  | { kind: 'mark-forwarded'; outgoingNumber?: string }
  | { kind: 'add-co-executor'; coExecutorUnit: UnitCode; why: string }
  | { kind: 'close'; outcome: AppealClosed['outcome']; why?: string };

export type WorkCommandKind = WorkCommand['kind'];

export const WORK_COMMAND_KINDS: readonly WorkCommandKind[] = [
  'assign',
  'accept',
  'answer',
  'hand-back',
  'request-extension',
  'approve-extension',
  'refuse-extension',
  'start-forwarding',
  'mark-forwarded',
  'add-co-executor',
  'close',
];

/** Decisions about the unit's work that a supervisor makes; the rest is the executor's own work. */
export const SUPERVISOR_COMMANDS: ReadonlySet<WorkCommandKind> = new Set(['assign', 'approve-extension', 'refuse-extension']);
