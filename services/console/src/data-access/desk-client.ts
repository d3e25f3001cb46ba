import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { withStaffToken } from '@priemnaya/auth';
import { callUnary } from '@priemnaya/grpc';
import {
  DeskServiceClient,
  type FindCitizenAppealsResponse,
  type RegisterHotlineCallResponse,
  type RegisterOralAppealResponse,
  type TopicSuggestion,
} from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { RequestError } from '@priemnaya/http';
import type { HotlineCallForm, ReceptionCardForm } from '../forms/reception-card.js';

/** gRPC codes as the HTTP statuses the web application understands. */
const HTTP_STATUS: Partial<Record<status, [number, string]>> = {
  [status.INVALID_ARGUMENT]: [400, 'validation_failed'],
  [status.UNAUTHENTICATED]: [401, 'unauthenticated'],
  [status.PERMISSION_DENIED]: [403, 'forbidden'],
  [status.NOT_FOUND]: [404, 'not_found'],
  [status.ALREADY_EXISTS]: [409, 'already_exists'],
  [status.UNAVAILABLE]: [503, 'unavailable'],
  [status.DEADLINE_EXCEEDED]: [503, 'unavailable'],
};

/** The proto's field names (`citizen.name`, `oral_answer`) as the form's (`citizen.name`, `oralAnswer`). */
const camelCase = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The desk's gRPC API, called with the browser's own staff token, so the desk authorises the
 * person and records the card under them. Errors keep the desk's field names (camel-cased).
 */
export function createDeskClient(address: string, timeouts: { registerMs: number; lookupMs: number }) {
  const client = new DeskServiceClient(address, credentials.createInsecure());
  const metadata = (token: string) => withStaffToken(new Metadata(), token);
  return {
    register(token: string, card: ReceptionCardForm): Promise<RegisterOralAppealResponse> {
      const request = {
        ...oralAppealOf(card),
        answeredOnTheSpot: card.answeredOnTheSpot,
        citizenConsentedToOralAnswer: card.citizenConsentedToOralAnswer,
        ...(card.oralAnswer !== undefined ? { oralAnswer: card.oralAnswer } : {}),
        conductedBy: card.conductedBy,
        identityDocument: card.identityDocument,
      };
      return callUnary(client.registerOralAppeal.bind(client), request, metadata(token), timeouts.registerMs).catch(asRequestError);
    },
    registerHotlineCall(token: string, call: HotlineCallForm): Promise<RegisterHotlineCallResponse> {
      return callUnary(client.registerHotlineCall.bind(client), oralAppealOf(call), metadata(token), timeouts.registerMs).catch(asRequestError);
    },
    findCitizenAppeals(token: string, citizen: { name?: string; phone?: string; email?: string }): Promise<FindCitizenAppealsResponse> {
      return callUnary(client.findCitizenAppeals.bind(client), { citizen, limit: 20 }, metadata(token), timeouts.lookupMs).catch(asRequestError);
    },
    async suggest(token: string, text: string): Promise<TopicSuggestion[]> {
      const response = await callUnary(client.suggestTopics.bind(client), { text }, metadata(token), timeouts.lookupMs).catch(asRequestError);
      return response.suggestions;
    },
    close(): void {
      client.close();
    },
  };
}
export type DeskClient = ReturnType<typeof createDeskClient>;

/** What a card and a hotline call both send; the operator comes from the token. */
function oralAppealOf(appeal: HotlineCallForm) {
  return {
    operatorId: '',
    idempotencyKey: appeal.idempotencyKey,
    citizen: {
      name: appeal.citizen.name,
      ...(appeal.citizen.phone !== undefined ? { phone: appeal.citizen.phone } : {}),
      ...(appeal.citizen.email !== undefined ? { email: appeal.citizen.email } : {}),
      ...(appeal.citizen.postalAddress !== undefined ? { postalAddress: appeal.citizen.postalAddress } : {}),
    },
    ...(appeal.problemAddress !== undefined ? { problemAddress: appeal.problemAddress } : {}),
    text: appeal.text,
  };
}

function asRequestError(error: ServiceError): never {
  const [statusCode, code] = HTTP_STATUS[error.code] ?? [502, 'desk_failed'];
  // The desk lists the fields at fault in `invalid-fields`; its details name each with a reason.
  const listed = String(error.metadata?.get('invalid-fields')[0] ?? '');
  const reasons = new Map(
    (error.details ?? '').split('; ').flatMap((part) => {
      const at = part.indexOf(': ');
      return at > 0 ? [[part.slice(0, at), part.slice(at + 2)] as const] : [];
    }),
  );
  const fields = listed
    .split(',')
    .filter(Boolean)
    .map((field) => ({ field: camelCase(field), message: reasons.get(field) ?? 'is not valid' }));
  throw new RequestError(statusCode, code, error.details || status[error.code], fields.length > 0 ? fields : undefined);
}
