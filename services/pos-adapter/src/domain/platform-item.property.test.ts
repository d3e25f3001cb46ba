import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toRegisterAppealRequest } from './map-platform-item.js';
import { parsePlatformItem, type PlatformItem } from './platform-item.js';

/**
 * Items of the Gosuslugi platform's feed under arbitrary JSON: each is an item or a refusal whose
 * reason names the fields at fault (never their values), never an exception; a valid item comes
 * back as sent and maps to an intake request.
 */
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

const timestamp = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const word = fc.stringMatching(/^[А-Яа-яA-Za-z0-9][А-Яа-яA-Za-z0-9 ,.-]{0,40}$/);
const coordinate = (limit: number) => fc.double({ min: -limit, max: limit, noNaN: true }).map((x) => x + 0);

const validItem: fc.Arbitrary<PlatformItem> = fc.record(
  {
    id: fc.stringMatching(/^[A-Za-z0-9-]{1,64}$/),
    type: fc.constantFrom('appeal' as const, 'message' as const),
    version: fc.constant(1 as const),
    category: fc.record({ code: fc.stringMatching(/^[a-z0-9.-]{1,20}$/), name: word }),
    filedAt: timestamp,
    publishedAt: timestamp,
    author: fc.record(
      { lastName: word, firstName: word, middleName: word, email: fc.constantFrom('ivan@example.org'), phone: fc.constantFrom('+79001234567'), postalAddress: word },
      { requiredKeys: ['lastName', 'firstName'] },
    ),
    text: word,
    address: fc.record({ text: word, lat: coordinate(90), lon: coordinate(180) }, { requiredKeys: ['text'] }),
    attachments: fc.array(
      fc.record({ url: fc.constantFrom('https://pos.example/files/1', 'http://pos.example/a.pdf'), fileName: word, contentType: fc.constantFrom('application/pdf', 'image/png'), size: fc.nat() }),
      { maxLength: 3 },
    ),
  },
  { requiredKeys: ['id', 'type', 'version', 'category', 'filedAt', 'publishedAt', 'author', 'text', 'attachments'] },
);

const prototypeKeys = fc.constant(JSON.parse('{"__proto__":{"id":"x"},"id":{"toString":1}}') as unknown);

// Hundreds of generated inputs per test: on a loaded machine that takes longer than the default 5 s.
describe('platform feed items under arbitrary input', { timeout: 60_000 }, () => {
  it('each is an item that maps to an intake request, or a refusal naming fields, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), oneFieldChanged(validItem), prototypeKeys), (raw) => {
        const parsed = parsePlatformItem(raw);
        // Whatever passes the schema maps to an intake request without an exception.
        if (parsed.ok) return void expect(toRegisterAppealRequest(parsed.item, raw).externalId).toBe(parsed.item.id);
        expect(parsed.reason).toMatch(/^\S+: \w+/);
        if (parsed.itemId !== undefined) expect(parsed.itemId.length).toBeLessThanOrEqual(64);
      }),
      { numRuns: 1_000 },
    );
  });

  it('a valid item comes back as sent and maps to an intake request', () => {
    fc.assert(
      fc.property(validItem, (item) => {
        const raw = JSON.parse(JSON.stringify(item)) as unknown;
        const parsed = parsePlatformItem(raw);
        expect(parsed).toEqual({ ok: true, item });
        if (parsed.ok) expect(toRegisterAppealRequest(parsed.item, raw).text).toBe(item.text.trim());
      }),
      { numRuns: 300 },
    );
  });
});
