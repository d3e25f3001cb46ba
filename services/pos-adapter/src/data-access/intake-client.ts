import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { AppError } from '@priemnaya/errors';
import { callUnary } from '@priemnaya/grpc';
import { IntakeServiceClient, type RegisterAppealRequest } from '@priemnaya/grpc/generated/priemnaya/intake/v1/intake.js';

export interface Registration {
  appealId: string;
  registrationNumber: string;
  receivedAt: string;
  replayed: boolean;
}

export interface IntakeClient {
  register(request: RegisterAppealRequest): Promise<Registration>;
  close(): void;
}

/** Codes after which the same call may succeed: ingest's answer for a broker or database that did not answer, and our own deadline. */
const RETRIABLE_CODES = new Set([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.RESOURCE_EXHAUSTED, status.ABORTED, status.INTERNAL]);

/** A RegisterAppeal call that failed; `field` is set when ingest refused the request (INVALID_ARGUMENT names it). */
export class IntakeError extends AppError {
  constructor(
    readonly code: status,
    readonly field: string | undefined,
    cause: unknown,
  ) {
    super('IntakeError', `RegisterAppeal failed with ${status[code]}${field ? ` (${field})` : ''}`, { retriable: RETRIABLE_CODES.has(code), cause });
  }
}

/** Ingest's intake gRPC API, through which the adapter registers every platform item. */
export function createIntakeClient(address: string, timeoutMs: number): IntakeClient {
  const client = new IntakeServiceClient(address, credentials.createInsecure());
  return {
    async register(request) {
      try {
        const response = await callUnary(client.registerAppeal.bind(client), request, new Metadata(), timeoutMs);
        return { appealId: response.appealId, registrationNumber: response.registrationNumber, receivedAt: response.receivedAt, replayed: response.replayed };
      } catch (error) {
        const serviceError = error as Partial<ServiceError>;
        const field = serviceError.metadata?.get('invalid-fields')[0]?.toString();
        // A message from ingest may quote the request; only the code and the field are kept.
        throw new IntakeError(serviceError.code ?? status.UNKNOWN, field, undefined);
      }
    },
    close: () => client.close(),
  };
}
