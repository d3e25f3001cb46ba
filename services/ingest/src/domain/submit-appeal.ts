import type { AppealReceived, AppealSubmission, Channel, OutgoingMessage, RegistrationNumber } from '@priemnaya/contracts';
import { AppError } from '@priemnaya/errors';
import { fingerprint } from './fingerprint.js';
import { registrationYear } from './registration-year.js';

/** An appeal as ingest keeps it: the Kafka payload, and whether Kafka has acknowledged it. */
export interface StoredAppeal {
  appeal: AppealReceived;
  fingerprint: string;
  acknowledgedAt?: Date;
}

export interface SubmitAppealPorts {
  /** Binds a dedup key to the first appeal id it was used with, atomically. */
  intakeKeys: { claim(key: string, appealId: string, fingerprint: string): Promise<{ appealId: string; fingerprint: string }> };
  appeals: {
    find(appealId: string): Promise<StoredAppeal | undefined>;
    /** Stores the appeal unless one with its id exists; returns whichever is stored. */
    insertIfAbsent(stored: StoredAppeal): Promise<StoredAppeal>;
    markAcknowledged(appealId: string, at: Date): Promise<void>;
  };
  registrationNumbers: { next(year: number): Promise<RegistrationNumber> };
  publisher: { publish(messages: OutgoingMessage[]): Promise<void> };
  clock: () => Date;
  newId: () => string;
  timeZone: string;
}

export interface AppealIntake {
  channel: Channel;
  submission: AppealSubmission;
  /** The client's `Idempotency-Key`. */
  idempotencyKey?: string;
  /** The channel's own id of the message; a resend with it gives the same appeal. */
  externalId?: string;
}

export interface Registration {
  appealId: string;
  registrationNumber: RegistrationNumber;
  receivedAt: string;
  /** True when this intake repeated an earlier one and got its answer back. */
  replayed: boolean;
}

/** The same idempotency key was sent with a different appeal: a client bug, never retried. */
export class IdempotencyKeyConflict extends AppError {
  constructor() {
    super('IdempotencyKeyConflict', 'Idempotency-Key: this key was already used for a different appeal', { retriable: false });
  }
}

/**
 * Registers an appeal and publishes it to `appeals.received`. Resolves only after Kafka has
 * acknowledged it; a resend (same idempotency key, or same channel and external id) returns the
 * first registration and publishes again only if the first publish never completed.
 */
export function createSubmitAppeal(ports: SubmitAppealPorts) {
  return async function submitAppeal(intake: AppealIntake): Promise<Registration> {
    const print = fingerprint({ channel: intake.channel, submission: intake.submission });
    const dedupKey =
      intake.idempotencyKey !== undefined
        ? `key:${intake.idempotencyKey}`
        : intake.externalId !== undefined
          ? `external:${intake.channel}:${intake.externalId}`
          : undefined;

    let appealId = ports.newId();
    if (dedupKey !== undefined) {
      const claim = await ports.intakeKeys.claim(dedupKey, appealId, print);
      if (claim.fingerprint !== print) throw new IdempotencyKeyConflict();
      appealId = claim.appealId;
    }

    const existing = await ports.appeals.find(appealId);
    if (existing?.acknowledgedAt !== undefined) return toRegistration(existing, true);

    const stored = existing ?? (await register(appealId, intake, print));
    await ports.publisher.publish([{ topic: 'appeals.received', payload: stored.appeal }]);
    await ports.appeals.markAcknowledged(appealId, ports.clock());
    return toRegistration(stored, existing !== undefined);
  };

  async function register(appealId: string, intake: AppealIntake, print: string): Promise<StoredAppeal> {
    const now = ports.clock();
    const registrationNumber = await ports.registrationNumbers.next(registrationYear(now, ports.timeZone));
    const { submission } = intake;
    const appeal: AppealReceived = {
      version: 1,
      appealId,
      registrationNumber,
      channel: intake.channel,
      ...(intake.externalId !== undefined ? { externalId: intake.externalId } : {}),
      receivedAt: now.toISOString(),
      author: submission.author,
      text: submission.text,
      ...(submission.problemAddress !== undefined ? { problemAddress: submission.problemAddress } : {}),
      ...(submission.location !== undefined ? { location: submission.location } : {}),
    };
    // A concurrent repeat may have registered the same id first; its number wins.
    return ports.appeals.insertIfAbsent({ appeal, fingerprint: print });
  }
}

function toRegistration(stored: StoredAppeal, replayed: boolean): Registration {
  return {
    appealId: stored.appeal.appealId,
    registrationNumber: stored.appeal.registrationNumber,
    receivedAt: stored.appeal.receivedAt,
    replayed,
  };
}
