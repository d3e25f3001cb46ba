import { status } from '@grpc/grpc-js';
import { GrpcRequestError } from '@priemnaya/grpc';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deskIntake, hotlineIntake } from '../../domain/oral-appeal.js';
import { FindCitizenAppealsCall, parseProtoCall, RegisterHotlineCallCall, RegisterOralAppealCall } from './desk-calls.js';

/**
 * The desk's oral appeal request (a reception card) under arbitrary input, as a decoded request or
 * the console's JSON gives it: the card, or INVALID_ARGUMENT naming each field at fault, never
 * another error; a valid card becomes the appeal it describes.
 */
function oneFieldChanged<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<object> {
  return fc.tuple(valid, fc.nat(), fc.option(fc.jsonValue(), { nil: undefined })).map(([value, pick, replacement]) => {
    const copy = JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    const slots: [Record<string, unknown>, string][] = [];
    const visit = (node: unknown) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, inner] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key]);
        visit(inner);
      }
    };
    visit(copy);
    const slot = slots[pick % Math.max(slots.length, 1)];
    if (slot) {
      if (replacement === undefined) delete slot[0][slot[1]];
      else slot[0][slot[1]] = replacement;
    }
    return copy;
  });
}

const word = fc.stringMatching(/^[А-Яа-яA-Za-z0-9][А-Яа-яA-Za-z0-9 ,.-]{0,40}[А-Яа-яA-Za-z0-9.]$/);
const ascii = (max: number) => fc.stringMatching(new RegExp(`^[\\x21-\\x7e]{1,${max}}$`));

const validCard = fc
  .record({
    operatorId: ascii(64),
    idempotencyKey: ascii(128),
    citizen: fc.record({ name: word, phone: fc.constantFrom('+7 900 123-45-67', ''), email: fc.constantFrom('ivan@example.org', ''), postalAddress: word }),
    problemAddress: word,
    text: word,
    answeredOnTheSpot: fc.boolean(),
    oralAnswer: word,
    conductedBy: fc.record({ staffId: ascii(100), name: word, position: word }),
    identityDocument: fc.oneof(
      fc.record({ kind: fc.constant('passport-rf'), seriesNumber: fc.stringMatching(/^\d{2} ?\d{2} ?\d{6}$/) }),
      fc.record({ kind: fc.constantFrom('military-id', 'foreign-passport', 'other'), seriesNumber: fc.stringMatching(/^[0-9A-Za-zА-Яа-я№-][0-9A-Za-zА-Яа-я№ -]{0,30}[0-9A-Za-z]$/) }),
    ),
  })
  // 59-ФЗ ст. 13 ч. 3: an oral answer only with consent, and only when answered on the spot.
  .map((card) => ({ ...card, citizenConsentedToOralAnswer: card.answeredOnTheSpot, oralAnswer: card.answeredOnTheSpot ? card.oralAnswer : '' }));

const anyRequest = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue(), { maxKeys: 8 }),
  oneFieldChanged(validCard),
  fc.constant(JSON.parse('{"__proto__":{"text":"x"},"citizen":{"__proto__":{}}}') as object),
);

function expectParsedOrFieldError(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(GrpcRequestError);
    const refusal = error as GrpcRequestError;
    expect(refusal.code).toBe(status.INVALID_ARGUMENT);
    expect(refusal.fields.length).toBeGreaterThan(0);
    for (const field of refusal.fields) expect(field.field.length).toBeGreaterThan(0);
  }
}

// Hundreds of generated inputs per test: on a loaded machine that takes longer than the default 5 s.
describe('the desk’s requests under arbitrary input', { timeout: 60_000 }, () => {
  it('a reception card parses into an intake, or is refused naming the field', () => {
    fc.assert(
      fc.property(anyRequest, (request) => {
        expectParsedOrFieldError(() => deskIntake(parseProtoCall(RegisterOralAppealCall, request), request));
      }),
      { numRuns: 1_000 },
    );
  });

  it('a hotline call parses into an intake without a reception card, or is refused naming the field', () => {
    fc.assert(
      fc.property(anyRequest, (request) => {
        expectParsedOrFieldError(() => hotlineIntake(parseProtoCall(RegisterHotlineCallCall, request), request));
      }),
      { numRuns: 500 },
    );
  });

  it('a lookup of a citizen’s appeals parses or is refused naming the field', () => {
    fc.assert(
      fc.property(anyRequest, fc.option(fc.jsonValue(), { nil: undefined }), (request, limit) => {
        expectParsedOrFieldError(() => parseProtoCall(FindCitizenAppealsCall, { ...request, limit }));
      }),
      { numRuns: 500 },
    );
  });

  it('a valid card becomes the appeal it describes; empty optional texts count as absent', () => {
    fc.assert(
      fc.property(validCard, (card) => {
        expect(parseProtoCall(RegisterOralAppealCall, card)).toEqual({
          operatorId: card.operatorId,
          idempotencyKey: card.idempotencyKey,
          citizen: {
            name: card.citizen.name,
            ...(card.citizen.phone !== '' ? { phone: card.citizen.phone } : {}),
            ...(card.citizen.email !== '' ? { email: card.citizen.email } : {}),
            postalAddress: card.citizen.postalAddress,
          },
          problemAddress: card.problemAddress,
          text: card.text,
          answeredOnTheSpot: card.answeredOnTheSpot,
          citizenConsentedToOralAnswer: card.citizenConsentedToOralAnswer,
          ...(card.oralAnswer !== '' ? { oralAnswer: card.oralAnswer } : {}),
          conductedBy: card.conductedBy,
          identityDocument: card.identityDocument,
        });
      }),
      { numRuns: 300 },
    );
  });
});
