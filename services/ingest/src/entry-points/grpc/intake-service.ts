import { AppealAuthor, AppealKind, AttachmentRef, Channel, GeoPoint, PlatformDetails, ReceptionCard } from '@priemnaya/contracts';
import { GrpcRequestError, parseCall, unary, type GrpcServiceBinding } from '@priemnaya/grpc';
import {
  IntakeServiceService,
  type FindAppealsByPersonRequest,
  type FindAppealsByPersonResponse,
  type IntakeServiceServer,
  type RegisterAppealRequest,
  type RegisterAppealResponse,
} from '@priemnaya/grpc/generated/priemnaya/intake/v1/intake.js';
import { status } from '@grpc/grpc-js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { PersonAppeal } from '../../domain/person-window.js';
import { IdempotencyKeyConflict, type AppealIntake, type Registration } from '../../domain/submit-appeal.js';

/** The channels registered through this API belong to other services; the public ones come over HTTP. */
const RegisterAppealCall = z.strictObject({
  channel: Channel.extract(['desk', 'pos']),
  kind: AppealKind,
  externalId: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  idempotencyKey: z.string().min(1, 'must not be empty').max(200).optional(),
  author: AppealAuthor,
  text: z.string().trim().min(1, 'must not be empty').max(20_000),
  problemAddress: z.string().trim().min(1, 'must not be empty').max(500).optional(),
  location: GeoPoint.optional(),
  attachments: z.array(AttachmentRef).max(20),
  rawPayloadJson: z.string().max(256 * 1024).transform((text, context) => {
    try {
      return JSON.parse(text) as z.core.util.JSONType;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  }),
  reception: ReceptionCard.optional(),
  platform: PlatformDetails.optional(),
});

const FindAppealsByPersonCall = z.strictObject({
  person: AppealAuthor,
  limit: z.number().int().min(0).max(100),
});

export interface IntakeServiceDeps {
  logger: Logger;
  submitAppeal(intake: AppealIntake): Promise<Registration>;
  findByPerson(author: AppealAuthor, limit: number): Promise<PersonAppeal[]>;
}

/** `priemnaya.intake.v1.IntakeService`: registration for the desk and the platform adapter. */
export function intakeService(deps: IntakeServiceDeps): GrpcServiceBinding {
  const logger = deps.logger.child({ component: 'grpc' });
  const implementation: IntakeServiceServer = {
    registerAppeal: unary<RegisterAppealRequest, RegisterAppealResponse>('RegisterAppeal', logger, async (request) => {
      const call = parseCall(RegisterAppealCall, withoutAbsent(request));
      if (call.channel === 'desk' && call.reception === undefined) {
        throw new GrpcRequestError(status.INVALID_ARGUMENT, 'reception: an oral appeal needs its reception card', [{ field: 'reception', message: 'is required' }]);
      }
      const { rawPayloadJson, ...intake } = call;
      let registration: Registration;
      try {
        registration = await deps.submitAppeal({ ...intake, raw: { format: 'grpc', body: rawPayloadJson } });
      } catch (error) {
        if (error instanceof IdempotencyKeyConflict) {
          throw new GrpcRequestError(status.ALREADY_EXISTS, error.message, [{ field: error.field, message: 'already used for a different appeal' }]);
        }
        throw error;
      }
      return {
        appealId: registration.appealId,
        registrationNumber: registration.registrationNumber,
        receivedAt: registration.receivedAt,
        replayed: registration.replayed,
        screening: registration.screening.map((finding) => ({
          flag: finding.flag,
          reason: finding.reason,
          relatedAppealIds: finding.relatedAppealIds ?? [],
        })),
      };
    }),
    findAppealsByPerson: unary<FindAppealsByPersonRequest, FindAppealsByPersonResponse>('FindAppealsByPerson', logger, async (request) => {
      const call = parseCall(FindAppealsByPersonCall, withoutAbsent({ person: request.person ?? {}, limit: request.limit }));
      const found = await deps.findByPerson(call.person, call.limit === 0 ? 20 : call.limit);
      return {
        appeals: found.map((appeal) => ({
          appealId: appeal.appealId,
          registrationNumber: appeal.registrationNumber,
          channel: appeal.channel,
          receivedAt: appeal.receivedAt.toISOString(),
        })),
      };
    }),
  };
  return { definition: IntakeServiceService, implementation };
}

/** Proto3 optional fields arrive as `undefined` keys; zod's strict objects should not see them. */
function withoutAbsent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAbsent);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutAbsent(v)]),
    );
  }
  return value;
}
