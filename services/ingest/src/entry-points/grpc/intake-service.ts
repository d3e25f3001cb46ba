import { AppealAuthor, AppealKind, AttachmentRef, Channel, GeoPoint, OralIntake, PlatformDetails, ReceptionCard } from '@priemnaya/contracts';
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
  oral: OralIntake.optional(),
  platform: PlatformDetails.optional(),
});
type RegisterAppealCall = z.infer<typeof RegisterAppealCall>;

/**
 * Which oral appeal a desk intake is, checked against its card: a personal reception always has
 * one (59-FZ ст. 13), a hotline call never does. A desk caller from before `oral` existed sent
 * only personal receptions. Other channels are not oral.
 */
function oralIntakeOf(call: RegisterAppealCall): OralIntake | undefined {
  if (call.channel !== 'desk') {
    if (call.oral !== undefined) throw refused('oral', `is only for channel desk, not ${call.channel}`);
    return undefined;
  }
  const oral = call.oral ?? 'personal-reception';
  if (oral === 'personal-reception' && call.reception === undefined) {
    throw refused('reception', 'is required: an oral appeal at a personal reception needs its reception card (59-ФЗ ст. 13)');
  }
  if (oral === 'hotline' && call.reception !== undefined) {
    throw refused('reception', 'must be absent for a hotline call: the phone hotline is not a personal reception');
  }
  // A card from before the consent was recorded does not say; one that says no was not answered orally.
  if (call.reception?.answeredOnTheSpot === true && call.reception.citizenConsentedToOralAnswer === false) {
    throw refused('reception.citizenConsentedToOralAnswer', 'must be true when answeredOnTheSpot (59-ФЗ ст. 13 ч. 3)');
  }
  return oral;
}

function refused(field: string, message: string): GrpcRequestError {
  return new GrpcRequestError(status.INVALID_ARGUMENT, `${field}: ${message}`, [{ field, message }]);
}

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
      const oral = oralIntakeOf(call);
      const { rawPayloadJson, oral: _oral, ...intake } = call;
      let registration: Registration;
      try {
        registration = await deps.submitAppeal({ ...intake, ...(oral !== undefined ? { oral } : {}), raw: { format: 'grpc', body: rawPayloadJson } });
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
          basis: finding.basis ?? '',
        })),
        similarAppealIds: registration.similarAppealIds,
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
