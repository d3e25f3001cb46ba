import { fault, listOf, type Fields, type Open311Fault } from './open311-fault.js';
import { isServiceCode } from './open311-services.js';
import { OPEN311_STATUSES, type Open311Status } from './open311-status.js';

/** The standard's bounds on one search: at most 1000 requests, over at most 90 days. */
export const MAX_REQUESTS = 1_000;
export const MAX_RANGE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** W3C date-time with a zone, as GeoReport v2 requires (2010-01-01T00:00:00Z). */
const W3C_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** What `GET requests` asks for: given ids (which override every other filter), or a search. */
export type RequestsQuery =
  | { kind: 'ids'; ids: string[] }
  | { kind: 'search'; from: Date; to: Date; serviceCodes: string[]; statuses: Open311Status[] };

export type ParsedRequestsQuery = { ok: true; query: RequestsQuery } | { ok: false; faults: Open311Fault[] };

/**
 * Reads the filters of GeoReport v2 `GET requests`. Without dates the range is the last 90 days;
 * with one date the range runs 90 days from or to it; a wider range is refused.
 */
export function parseRequestsQuery(fields: Fields, now: Date): ParsedRequestsQuery {
  const ids = listOf(fields.service_request_id);
  if (ids.length > 0) {
    const bad = ids.find((id) => !UUID.test(id));
    if (bad !== undefined) return { ok: false, faults: [fault(400, 'service_request_id', `${bad} is not a service request id`)] };
    if (ids.length > MAX_REQUESTS) return { ok: false, faults: [fault(400, 'service_request_id', `at most ${MAX_REQUESTS} ids`)] };
    return { ok: true, query: { kind: 'ids', ids: [...new Set(ids.map((id) => id.toLowerCase()))] } };
  }

  const faults: Open311Fault[] = [];
  const serviceCodes = listOf(fields.service_code);
  const unknown = serviceCodes.find((code) => !isServiceCode(code));
  if (unknown !== undefined) faults.push(fault(400, 'service_code', `${unknown} is not a service; see services.json`));

  const statuses = listOf(fields.status);
  const badStatus = statuses.find((status) => !(OPEN311_STATUSES as readonly string[]).includes(status));
  if (badStatus !== undefined) faults.push(fault(400, 'status', `${badStatus} is not a status; use open or closed`));

  const start = dateOf(fields, 'start_date', faults);
  const end = dateOf(fields, 'end_date', faults);
  if (faults.length > 0) return { ok: false, faults };

  const to = end ?? (start !== undefined ? new Date(Math.min(start.getTime() + MAX_RANGE_DAYS * DAY_MS, now.getTime())) : now);
  const from = start ?? new Date(to.getTime() - MAX_RANGE_DAYS * DAY_MS);
  if (from > to) return { ok: false, faults: [fault(400, 'end_date', 'must not be before start_date')] };
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    return { ok: false, faults: [fault(400, 'end_date', `the range from start_date may not span more than ${MAX_RANGE_DAYS} days`)] };
  }
  return { ok: true, query: { kind: 'search', from, to, serviceCodes: [...new Set(serviceCodes)], statuses: [...new Set(statuses)] as Open311Status[] } };
}

function dateOf(fields: Fields, name: 'start_date' | 'end_date', faults: Open311Fault[]): Date | undefined {
  const value = fields[name];
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    faults.push(fault(400, name, 'must be given once'));
    return undefined;
  }
  // An unencoded `+` of a zone offset arrives as a space; clients send it so more often than not.
  const text = value.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
  const date = new Date(text);
  if (!W3C_DATE_TIME.test(text) || Number.isNaN(date.getTime())) {
    faults.push(fault(400, name, 'must be a W3C date-time with a zone, e.g. 2026-01-01T00:00:00Z'));
    return undefined;
  }
  return date;
}
