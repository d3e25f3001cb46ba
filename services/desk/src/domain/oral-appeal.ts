import type { AppealAuthor, ReceptionCard } from '@priemnaya/contracts';

/** A reception card as the desk takes it (art. 13), validated. */
export interface OralAppeal {
  /** Taken from the request until staff tokens carry it (a later issue). */
  operatorId: string;
  idempotencyKey: string;
  citizen: AppealAuthor & { name: string };
  problemAddress?: string;
  text: string;
  answeredOnTheSpot: boolean;
  citizenConsentedToOralAnswer: boolean;
  oralAnswer?: string;
}

/** What ingest's intake API registers for the desk. */
export interface DeskIntake {
  channel: 'desk';
  kind: 'appeal';
  idempotencyKey: string;
  author: AppealAuthor;
  text: string;
  problemAddress?: string;
  reception: ReceptionCard;
  /** The desk request as received, kept with the appeal for audit. */
  rawPayload: unknown;
}

/**
 * The intake of a reception card. The key is scoped to the desk and the operator: ingest keeps
 * one key space for every channel, and an operator's client only knows its own keys.
 */
export function deskIntake(appeal: OralAppeal, rawPayload: unknown): DeskIntake {
  return {
    channel: 'desk',
    kind: 'appeal',
    idempotencyKey: `desk:${appeal.operatorId}:${appeal.idempotencyKey}`,
    author: appeal.citizen,
    text: appeal.text,
    ...(appeal.problemAddress !== undefined ? { problemAddress: appeal.problemAddress } : {}),
    reception: {
      operatorId: appeal.operatorId,
      answeredOnTheSpot: appeal.answeredOnTheSpot,
      ...(appeal.oralAnswer !== undefined ? { oralAnswer: appeal.oralAnswer } : {}),
    },
    rawPayload,
  };
}
