import { describe, expect, it } from 'vitest';
import { parseRequestsQuery } from './parse-requests-query.js';

const now = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

describe('parseRequestsQuery', () => {
  it('without filters, searches the last 90 days in every service and status', () => {
    expect(parseRequestsQuery({}, now)).toEqual({
      ok: true,
      query: { kind: 'search', from: new Date(now.getTime() - 90 * DAY), to: now, serviceCodes: [], statuses: [] },
    });
  });

  it('when service_request_id is given, it overrides every other filter', () => {
    const id = '7c0e2f3a-1b2c-4d5e-8f90-a1b2c3d4e5f6';
    expect(parseRequestsQuery({ service_request_id: `${id}, ${id.toUpperCase()}`, status: 'bogus' }, now)).toEqual({ ok: true, query: { kind: 'ids', ids: [id] } });
  });

  it('reads comma-delimited and repeated lists of service codes and statuses', () => {
    const parsed = parseRequestsQuery({ service_code: ['roads,housing', 'roads'], status: 'open,closed' }, now);
    expect(parsed.ok && parsed.query.kind === 'search' && [parsed.query.serviceCodes, parsed.query.statuses]).toEqual([
      ['roads', 'housing'],
      ['open', 'closed'],
    ]);
  });

  it('with start_date only, runs 90 days from it but not past now; an offset whose + became a space is read', () => {
    const parsed = parseRequestsQuery({ start_date: '2026-02-20T00:00:00 03:00' }, now);
    expect(parsed.ok && parsed.query.kind === 'search' && [parsed.query.from.toISOString(), parsed.query.to]).toEqual(['2026-02-19T21:00:00.000Z', now]);
  });

  it('when the range spans more than 90 days, or ends before it starts, names end_date', () => {
    expect(parseRequestsQuery({ start_date: '2025-01-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, now)).toMatchObject({ ok: false, faults: [{ code: 400, field: 'end_date' }] });
    expect(parseRequestsQuery({ start_date: '2026-01-02T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }, now)).toMatchObject({ ok: false, faults: [{ field: 'end_date' }] });
  });

  it('when a date, status, service code or id is malformed, names the field', () => {
    const parsed = parseRequestsQuery({ start_date: '2026-01-01', status: 'pending', service_code: 'potholes' }, now);
    expect(parsed.ok ? [] : parsed.faults.map((entry) => entry.field)).toEqual(['service_code', 'status', 'start_date']);
    expect(parseRequestsQuery({ service_request_id: '42' }, now)).toMatchObject({ ok: false, faults: [{ field: 'service_request_id' }] });
  });
});
