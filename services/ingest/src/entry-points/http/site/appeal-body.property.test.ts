import { AppealSubmission } from '@priemnaya/contracts';
import { parseRequest, RequestError } from '@priemnaya/http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/**
 * The site form's body (`POST /v1/appeals`, and the `appeal` field of a multipart form) as the
 * route parses it: any JSON gives the appeal or a 400 naming each field at fault, never another
 * error; a valid appeal comes back as sent.
 */
const word = fc.stringMatching(/^[А-Яа-яA-Za-z0-9][А-Яа-яA-Za-z0-9 ,.!?-]{0,60}[А-Яа-яA-Za-z0-9.!?]$/);
const validSubmission = fc.record(
  {
    text: word,
    author: fc.record(
      {
        name: word,
        email: fc.constantFrom('ivan@example.org', 'm.petrova@mail.example'),
        phone: fc.stringMatching(/^\+7[0-9]{10}$/),
        postalAddress: word,
      },
      { requiredKeys: ['name', 'email'] },
    ),
    problemAddress: word,
    // JSON has no negative zero: it comes back as 0.
    location: fc.record({ lat: fc.double({ min: -90, max: 90, noNaN: true }).map((x) => x + 0), lon: fc.double({ min: -180, max: 180, noNaN: true }).map((x) => x + 0) }),
  },
  { requiredKeys: ['text', 'author'] },
);

/** A valid value with one field, at any depth, replaced by arbitrary JSON or removed. */
function oneFieldChanged<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.option(fc.jsonValue(), { nil: undefined })).map(([value, pick, replacement]) => {
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
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

const anyBody = fc.oneof(fc.jsonValue(), oneFieldChanged(validSubmission), fc.constant(JSON.parse('{"__proto__":{"text":"x"},"text":"a"}') as unknown));

function expectParsedOrFieldError(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    const refusal = error as RequestError;
    expect(refusal.statusCode).toBe(400);
    expect(refusal.fields?.length).toBeGreaterThan(0);
    for (const field of refusal.fields ?? []) expect(field.field.length).toBeGreaterThan(0);
    expect(refusal.message.startsWith(`${refusal.fields?.[0]?.field}: `)).toBe(true);
  }
}

// Hundreds of generated inputs per test: on a loaded machine that takes longer than the default 5 s.
describe('the site form body under arbitrary input', { timeout: 60_000 }, () => {
  it('parses or answers 400 naming the field, as JSON or as the multipart appeal field', () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        expectParsedOrFieldError(() => parseRequest(AppealSubmission, body));
        expectParsedOrFieldError(() => parseRequest(AppealSubmission, body, 'appeal'));
      }),
      { numRuns: 500 },
    );
  });

  it('gives back a valid appeal as sent, also after a trip through JSON', () => {
    fc.assert(
      fc.property(validSubmission, (submission) => {
        expect(parseRequest(AppealSubmission, submission)).toEqual(submission);
        expect(parseRequest(AppealSubmission, JSON.parse(JSON.stringify(submission)))).toEqual(submission);
      }),
      { numRuns: 300 },
    );
  });
});
