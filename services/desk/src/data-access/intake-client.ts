import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import type { AppealAuthor } from '@priemnaya/contracts';
import { AppError, UnavailableError } from '@priemnaya/errors';
import { callUnary } from '@priemnaya/grpc';
import { IntakeServiceClient } from '@priemnaya/grpc/generated/priemnaya/intake/v1/intake.js';
import type { PersonAppeal } from '../domain/earlier-appeals.js';
import type { DeskIntake } from '../domain/oral-appeal.js';
import { IdempotencyKeyReused, type IntakeRegistration } from '../domain/register-oral-appeal.js';

/** Codes after which the same call may succeed: ingest or its Kafka did not answer in time. */
const RETRIABLE = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED, status.ABORTED]);

/**
 * Ingest's intake gRPC API, which registers appeals of every channel. Registration waits for
 * Kafka's acknowledgement, so its deadline is longer than a lookup's.
 */
export function createIntakeClient(address: string, options: { registerTimeoutMs: number; lookupTimeoutMs: number }) {
  const client = new IntakeServiceClient(address, credentials.createInsecure());
  return {
    async register(intake: DeskIntake): Promise<IntakeRegistration> {
      const { rawPayload, ...appeal } = intake;
      const response = await callUnary(
        client.registerAppeal.bind(client),
        { ...appeal, attachments: [], rawPayloadJson: JSON.stringify(rawPayload) },
        new Metadata(),
        options.registerTimeoutMs,
      ).catch(rethrow);
      return {
        appealId: response.appealId,
        registrationNumber: response.registrationNumber,
        receivedAt: response.receivedAt,
        replayed: response.replayed,
        screening: response.screening,
        similarAppealIds: response.similarAppealIds,
      };
    },
    async findByPerson(person: AppealAuthor, limit: number): Promise<PersonAppeal[]> {
      const response = await callUnary(client.findAppealsByPerson.bind(client), { person, limit }, new Metadata(), options.lookupTimeoutMs).catch(rethrow);
      return response.appeals;
    },
    close(): void {
      client.close();
    },
  };
}
export type IntakeClient = ReturnType<typeof createIntakeClient>;

function rethrow(error: ServiceError): never {
  if (error.code === status.ALREADY_EXISTS) throw new IdempotencyKeyReused();
  if (RETRIABLE.has(error.code)) throw new UnavailableError('ingest did not answer', error);
  // Ingest refused what the desk validated: a mismatch of the two, not the operator's doing.
  throw new AppError('IntakeRefused', `ingest answered ${status[error.code]}`, { retriable: false, cause: error });
}
