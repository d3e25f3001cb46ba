import type { AppealAuthor } from '@priemnaya/contracts';
import { AppError } from '@priemnaya/errors';
import { similarOpenAppeals, type EarlierAppeal, type PersonAppeal, type StatusLookup } from './earlier-appeals.js';
import type { DeskIntake } from './oral-appeal.js';

export interface ScreeningFinding {
  flag: string;
  reason: string;
  relatedAppealIds: string[];
  /** The part of 59-FZ art. 11 cited; empty from an ingest that does not send it yet. */
  basis: string;
}

export interface IntakeRegistration {
  appealId: string;
  registrationNumber: string;
  receivedAt: string;
  replayed: boolean;
  screening: ScreeningFinding[];
  /** The person's earlier appeals on the same matter, answered or not, most similar first (not an art. 11 finding). */
  similarAppealIds: string[];
}

export interface DeskPorts {
  intake: {
    /** Registers through ingest; throws IdempotencyKeyReused, or a retriable error when ingest did not answer. */
    register(intake: DeskIntake): Promise<IntakeRegistration>;
    /** The person's appeals on any channel, newest first. */
    findByPerson(person: AppealAuthor, limit: number): Promise<PersonAppeal[]>;
  };
  registry: { findStatuses(appealIds: readonly string[]): Promise<Map<string, StatusLookup>> };
}

/** The key came back from ingest bound to a different appeal: a client bug, never retried. */
export class IdempotencyKeyReused extends AppError {
  constructor() {
    super('IdempotencyKeyReused', 'the idempotency key was already used for a different appeal', { retriable: false });
  }
}

export interface OralAppealRegistration extends IntakeRegistration {
  similarOpenAppeals: EarlierAppeal[];
  similarOpenAppealsIncomplete: boolean;
}

/** How many of the person's appeals to read when joining the pre-screen's related ids to them. */
const PERSON_APPEALS_LIMIT = 100;

/**
 * Registers an oral appeal (a reception card or a hotline call) through ingest, then looks up the
 * still-open appeals the pre-screen found similar. The number is issued once ingest answers; a
 * failed lookup after it only makes the warning incomplete, so the operator never retries a
 * registration that stands.
 */
export function createRegisterOralAppeal(ports: DeskPorts) {
  return async function registerOralAppeal(intake: DeskIntake): Promise<OralAppealRegistration> {
    const registration = await ports.intake.register(intake);
    // A repeat under art. 11 part 5 names answered appeals; the warning is about open ones on the same matter.
    const relatedIds = registration.similarAppealIds.filter((id) => id !== registration.appealId);
    if (relatedIds.length === 0) return { ...registration, similarOpenAppeals: [], similarOpenAppealsIncomplete: false };
    try {
      const [personAppeals, statuses] = await Promise.all([
        ports.intake.findByPerson(intake.author, PERSON_APPEALS_LIMIT),
        ports.registry.findStatuses(relatedIds),
      ]);
      const similar = similarOpenAppeals(relatedIds, personAppeals, statuses);
      return { ...registration, similarOpenAppeals: similar.appeals, similarOpenAppealsIncomplete: similar.incomplete };
    } catch {
      return { ...registration, similarOpenAppeals: [], similarOpenAppealsIncomplete: true };
    }
  };
}
