import { status, type Metadata } from '@grpc/grpc-js';
import { authenticateCall, type StaffPrincipal, type StaffRole, type StaffTokens } from '@priemnaya/auth';
import type { AppealAuthor } from '@priemnaya/contracts';
import { GrpcRequestError, toServiceError, unary, type GrpcServiceBinding } from '@priemnaya/grpc';
import {
  DeskServiceService,
  type DeskServiceServer,
  type FindCitizenAppealsRequest,
  type FindCitizenAppealsResponse,
  type RegisterHotlineCallRequest,
  type RegisterHotlineCallResponse,
  type RegisterOralAppealRequest,
  type RegisterOralAppealResponse,
  type SuggestTopicsRequest,
  type SuggestTopicsResponse,
} from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import type { Logger } from 'pino';
import type { EarlierAppeals } from '../../domain/earlier-appeals.js';
import { deskIntake, hotlineIntake, type DeskIntake } from '../../domain/oral-appeal.js';
import { IdempotencyKeyReused, type OralAppealRegistration } from '../../domain/register-oral-appeal.js';
import type { TopicSuggestion } from '../../domain/topic-suggestion.js';
import { FindCitizenAppealsCall, parseProtoCall, RegisterHotlineCallCall, RegisterOralAppealCall, SuggestTopicsCall } from './desk-calls.js';
import { suggestWhileTyping } from './suggest-while-typing.js';

/** Who may use the desk: the intake operators, and administrators standing in for them. */
const DESK_ROLES: StaffRole[] = ['intake-operator', 'administrator'];

export interface DeskServiceDeps {
  logger: Logger;
  /** Verifies the staff token every call carries in its `authorization` metadata. */
  tokens: StaffTokens;
  /** A reception card or a hotline call, as ingest registers it. */
  registerOralAppeal(intake: DeskIntake): Promise<OralAppealRegistration>;
  findCitizenAppeals(citizen: AppealAuthor, limit: number): Promise<EarlierAppeals>;
  /** Rejects with the abort reason when `signal` aborts, with a retriable error when the router does not answer. */
  suggestTopics(text: string, signal?: AbortSignal): Promise<TopicSuggestion[]>;
}

/** `priemnaya.desk.v1.DeskService`: each method decodes, validates and calls one use case. */
export function deskService(deps: DeskServiceDeps): GrpcServiceBinding {
  const logger = deps.logger.child({ component: 'grpc' });
  const authenticate = (metadata: Metadata): Promise<StaffPrincipal> => authenticateCall(deps.tokens, metadata, DESK_ROLES);
  const streamSuggestions = suggestWhileTyping({ logger, suggestTopics: (text, signal) => deps.suggestTopics(text, signal) });
  /** The operator a card or call is recorded under: the signed-in one; an operator_id, when sent, must be theirs. */
  const signedInOperator = async (request: { operatorId: string }, metadata: Metadata): Promise<string> => {
    const operator = await authenticate(metadata);
    if (request.operatorId !== '' && request.operatorId !== operator.staffId) {
      throw new GrpcRequestError(status.PERMISSION_DENIED, 'operator_id: must be the signed-in operator or empty', [
        { field: 'operator_id', message: 'is not the signed-in operator' },
      ]);
    }
    return operator.staffId;
  };
  const register = async (intake: DeskIntake): Promise<RegisterOralAppealResponse> => {
    let registration: OralAppealRegistration;
    try {
      registration = await deps.registerOralAppeal(intake);
    } catch (error) {
      if (error instanceof IdempotencyKeyReused) {
        throw new GrpcRequestError(status.ALREADY_EXISTS, 'idempotency_key: already used for a different appeal', [
          { field: 'idempotency_key', message: 'already used for a different appeal' },
        ]);
      }
      throw error;
    }
    return {
      appealId: registration.appealId,
      registrationNumber: registration.registrationNumber,
      receivedAt: registration.receivedAt,
      replayed: registration.replayed,
      screening: registration.screening,
      similarOpenAppeals: registration.similarOpenAppeals,
      similarOpenAppealsIncomplete: registration.similarOpenAppealsIncomplete,
    };
  };
  const implementation: DeskServiceServer = {
    registerOralAppeal: unary<RegisterOralAppealRequest, RegisterOralAppealResponse>('RegisterOralAppeal', logger, async (request, call) => {
      const operatorId = await signedInOperator(request, call.metadata);
      const appeal = parseProtoCall(RegisterOralAppealCall, { ...request, operatorId });
      return register(deskIntake(appeal, request));
    }),
    registerHotlineCall: unary<RegisterHotlineCallRequest, RegisterHotlineCallResponse>('RegisterHotlineCall', logger, async (request, call) => {
      const operatorId = await signedInOperator(request, call.metadata);
      const hotlineCall = parseProtoCall(RegisterHotlineCallCall, { ...request, operatorId });
      return register(hotlineIntake(hotlineCall, request));
    }),
    findCitizenAppeals: unary<FindCitizenAppealsRequest, FindCitizenAppealsResponse>('FindCitizenAppeals', logger, async (request, call) => {
      await authenticate(call.metadata);
      const { citizen, limit } = parseProtoCall(FindCitizenAppealsCall, request);
      const found = await deps.findCitizenAppeals(citizen, limit);
      return { appeals: found.appeals, statusesIncomplete: found.incomplete };
    }),
    suggestTopics: unary<SuggestTopicsRequest, SuggestTopicsResponse>('SuggestTopics', logger, async (request, call) => {
      await authenticate(call.metadata);
      const { text } = parseProtoCall(SuggestTopicsCall, request);
      return { suggestions: await deps.suggestTopics(text) };
    }),
    // Drafts that arrive while the token is checked wait in the stream's buffer.
    suggestWhileTyping: (call) => {
      authenticate(call.metadata).then(
        () => streamSuggestions(call),
        (error: unknown) => {
          logger.info({ method: 'SuggestWhileTyping', code: toServiceError(error).code }, 'grpc stream refused');
          call.emit('error', toServiceError(error));
        },
      );
    },
  };
  return { definition: DeskServiceService, implementation };
}
