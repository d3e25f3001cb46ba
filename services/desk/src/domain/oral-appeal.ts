import type { AppealAuthor, IdentityDocument, OralIntake, ReceptionCard, ReceptionOfficial } from '@priemnaya/contracts';

/** What every oral appeal the desk takes has, at a personal reception or on the hotline. */
interface OralAppealBase {
  /** The signed-in operator, from the staff token. */
  operatorId: string;
  idempotencyKey: string;
  citizen: AppealAuthor & { name: string };
  problemAddress?: string;
  text: string;
}

/** A reception card as the desk takes it at a personal reception (art. 13), validated. */
export interface OralAppeal extends OralAppealBase {
  answeredOnTheSpot: boolean;
  citizenConsentedToOralAnswer: boolean;
  oralAnswer?: string;
  conductedBy: ReceptionOfficial;
  identityDocument: IdentityDocument;
}

/** A call to the phone hotline, validated: not a personal reception, so it has no card. */
export type HotlineCall = OralAppealBase;

/** What ingest's intake API registers for the desk. */
export interface DeskIntake {
  channel: 'desk';
  kind: 'appeal';
  oral: OralIntake;
  idempotencyKey: string;
  author: AppealAuthor;
  text: string;
  problemAddress?: string;
  /** A personal reception's card; a hotline call never has one. */
  reception?: ReceptionCard;
  /** The desk request as received, kept with the appeal for audit. */
  rawPayload: unknown;
}

/**
 * The intake of a reception card. The key is scoped to the desk and the operator: ingest keeps
 * one key space for every channel, and an operator's client only knows its own keys.
 */
export function deskIntake(appeal: OralAppeal, rawPayload: unknown): DeskIntake {
  return {
    ...commonIntake(appeal, rawPayload),
    oral: 'personal-reception',
    reception: {
      operatorId: appeal.operatorId,
      answeredOnTheSpot: appeal.answeredOnTheSpot,
      ...(appeal.oralAnswer !== undefined ? { oralAnswer: appeal.oralAnswer } : {}),
      citizenConsentedToOralAnswer: appeal.citizenConsentedToOralAnswer,
      conductedBy: appeal.conductedBy,
      identityDocument: appeal.identityDocument,
    },
  };
}

/** The intake of a hotline call: an oral appeal without a reception card. */
export function hotlineIntake(call: HotlineCall, rawPayload: unknown): DeskIntake {
  return { ...commonIntake(call, rawPayload), oral: 'hotline' };
}

function commonIntake(appeal: OralAppealBase, rawPayload: unknown) {
  return {
    channel: 'desk' as const,
    kind: 'appeal' as const,
    idempotencyKey: `desk:${appeal.operatorId}:${appeal.idempotencyKey}`,
    author: appeal.citizen,
    text: appeal.text,
    ...(appeal.problemAddress !== undefined ? { problemAddress: appeal.problemAddress } : {}),
    rawPayload,
  };
}
