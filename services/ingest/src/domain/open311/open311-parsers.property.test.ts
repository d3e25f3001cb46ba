import { ROUTING_TOPICS } from '@priemnaya/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Fields, Open311Fault } from './open311-fault.js';
import { parseRequestsQuery } from './parse-requests-query.js';
import { parseServiceRequest } from './parse-service-request.js';

/**
 * The Open311 façade's two parsers under arbitrary forms and queries as fastify hands them over
 * (each field once or repeated): either a request, or faults that each name their field with a
 * 400 or 404, never an exception. A valid form comes back as the appeal it describes.
 */
const FIELD_NAMES = [
  'api_key', 'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id', 'account_id',
  'first_name', 'last_name', 'phone', 'description', 'media_url', 'service_request_id', 'status', 'start_date', 'end_date',
  'attribute[x]', '__proto__', 'constructor', 'toString',
];
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('roads', 'housing', '51.7', '-180.0', '.5', '1e3', '2026-01-01T00:00:00Z', '9999-12-31T23:59:59+14:00', '0000-01-01T00:00Z', 'open,closed'),
  fc.uuid(),
  fc.string({ minLength: 4_000, maxLength: 4_100 }),
);
const fieldValue = fc.oneof(text, fc.array(text, { maxLength: 3 }));
const anyFields: fc.Arbitrary<Fields> = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 12 })), fieldValue, { maxKeys: 12 });

function expectFieldFaults(faults: Open311Fault[]): void {
  expect(faults.length).toBeGreaterThan(0);
  for (const entry of faults) {
    expect([400, 404]).toContain(entry.code);
    expect(entry.field).toMatch(/\S/);
    expect(entry.description.startsWith(`${entry.field}: `)).toBe(true);
  }
}

const word = fc.stringMatching(/^[А-Яа-яA-Za-z][А-Яа-яA-Za-z ,.-]{0,40}[А-Яа-яA-Za-z.]$/);
const validForm = fc.record({
  service_code: fc.constantFrom(...ROUTING_TOPICS.map((topic) => topic.code)),
  description: word,
  lat: fc.integer({ min: -90_000, max: 90_000 }).map((milli) => (milli / 1000).toFixed(3)),
  long: fc.integer({ min: -180_000, max: 180_000 }).map((milli) => (milli / 1000).toFixed(3)),
  first_name: fc.stringMatching(/^[А-Я][а-я]{1,15}$/),
  last_name: fc.stringMatching(/^[А-Я][а-я]{1,20}$/),
  email: fc.constantFrom('ivan@example.org', 'petrova.m@mail.example'),
});

// Hundreds of generated inputs per test: on a loaded machine that takes longer than the default 5 s.
describe('the Open311 parsers under arbitrary input', { timeout: 60_000 }, () => {
  it('parseServiceRequest gives a submission or faults naming each field', () => {
    fc.assert(
      fc.property(anyFields, (fields) => {
        const parsed = parseServiceRequest(fields);
        if (!parsed.ok) expectFieldFaults(parsed.faults);
        else expect(parsed.submission.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it('parseRequestsQuery gives a query with valid dates or faults naming each field', () => {
    fc.assert(
      fc.property(anyFields, fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (fields, now) => {
        const parsed = parseRequestsQuery(fields, now);
        if (!parsed.ok) return expectFieldFaults(parsed.faults);
        if (parsed.query.kind === 'search') {
          expect(Number.isNaN(parsed.query.from.getTime())).toBe(false);
          expect(Number.isNaN(parsed.query.to.getTime())).toBe(false);
          expect(parsed.query.from.getTime()).toBeLessThanOrEqual(parsed.query.to.getTime());
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a valid form becomes the appeal it describes', () => {
    fc.assert(
      fc.property(validForm, (form) => {
        const parsed = parseServiceRequest(form);
        expect(parsed).toEqual({
          ok: true,
          submission: {
            serviceCode: form.service_code,
            author: { name: `${form.last_name} ${form.first_name}`, email: form.email },
            text: form.description,
            location: { lat: Number(form.lat), lon: Number(form.long) },
            form,
          },
        });
      }),
      { numRuns: 300 },
    );
  });
});
