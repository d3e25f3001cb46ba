import type { AppealAnswer, AppealClosed, AppealTag, ComplaintAbout, LawKind, LeftWithoutAnswerPart, OutsideAuthority, RoutingTopic, UnitCode } from '@priemnaya/contracts';

/** What a person asks to do with a unit's task; each becomes one event when the state allows it. */
export type WorkCommand =
  | { kind: 'assign'; executorId: string; mode: 'named' | 'least-loaded'; why?: string }
  | { kind: 'accept' }
  | { kind: 'answer'; answer: AppealAnswer }
  | { kind: 'hand-back'; reason: string; suggestedUnit?: UnitCode; suggestedTopic?: RoutingTopic }
  | { kind: 'request-extension'; days: number; justification: string }
  | { kind: 'approve-extension'; requestId: string; why: string }
  | { kind: 'refuse-extension'; requestId: string; why: string }
  /** To one body or several (copies, 59-FZ ст. 8 ч. 4), the whole appeal or only `partial`ly. */
  | { kind: 'start-forwarding'; authorities: [OutsideAuthority, ...OutsideAuthority[]]; partial: boolean; why: string }
  | { kind: 'mark-forwarded'; outgoingNumber?: string }
  /** 59-FZ ст. 4: the executor says what kind of appeal it is and, for a complaint, whom it contests. */
  | { kind: 'decide-law-kind'; lawKind: LawKind; complaintAbout?: ComplaintAbout }
  /** 59-FZ ст. 8 ч. 7: a complaint no one but its addressee could consider goes back to the citizen. */
  | { kind: 'return-to-citizen'; why?: string }
  /** The appeal's whole set of tags, which deadline policies match (e.g. 59-FZ ст. 12 ч. 1.1). */
  | { kind: 'set-tags'; tags: AppealTag[]; why?: string }
  | { kind: 'add-co-executor'; coExecutorUnit: UnitCode; why: string }
  | { kind: 'close'; outcome: AppealClosed['outcome']; why?: string; article11Part?: LeftWithoutAnswerPart }
  /** 59-FZ art. 11 part 5: the head ends the correspondence on a repeated question; the appeal closes with it. */
  | { kind: 'end-correspondence'; earlierAppealIds: string[]; why: string };

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
  'decide-law-kind',
  'return-to-citizen',
  'set-tags',
  'add-co-executor',
  'close',
  'end-correspondence',
];

/** Decisions about the unit's work that a supervisor makes; the rest is the executor's own work. */
export const SUPERVISOR_COMMANDS: ReadonlySet<WorkCommandKind> = new Set(['assign', 'approve-extension', 'refuse-extension', 'end-correspondence']);

/** Either may do these: the facts of the appeal that choose its deadline, not anyone's own work. */
export const SHARED_COMMANDS: ReadonlySet<WorkCommandKind> = new Set(['set-tags']);
