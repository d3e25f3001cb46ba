import { AppealAuthor, type GeoPoint, type RoutingTopic } from '@priemnaya/contracts';
import { fault, type Fields, type Open311Fault } from './open311-fault.js';
import { isServiceCode } from './open311-services.js';

/** GeoReport v2 limits the description to 4,000 characters. */
export const DESCRIPTION_MAX_LENGTH = 4_000;

/** A service request (`POST requests`) as the appeal it becomes, before registration. */
export interface ServiceRequestSubmission {
  serviceCode: RoutingTopic;
  author: AppealAuthor;
  text: string;
  problemAddress?: string;
  location?: GeoPoint;
  accountId?: string;
  /**
   * The form as it arrived, for the raw payload, without `api_key`: a credential of the client
   * application is not part of the citizen's appeal and must not travel on Kafka.
   */
  form: Record<string, string | string[]>;
}

export type ParsedServiceRequest = { ok: true; submission: ServiceRequestSubmission } | { ok: false; faults: Open311Fault[] };

const SINGLE_FIELDS = [
  'jurisdiction_id', 'service_code', 'lat', 'long', 'address_string', 'address_id', 'email', 'device_id',
  'account_id', 'first_name', 'last_name', 'phone', 'description', 'media_url',
] as const;
type SingleField = (typeof SINGLE_FIELDS)[number];

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Reads a GeoReport v2 `POST requests` form. Every field at fault is reported, each by its own
 * name; an unknown service_code alone is a 404, as the standard says. Fields the standard allows
 * and an appeal has no place for (address_id, device_id, media_url, attributes) stay in the form.
 */
export function parseServiceRequest(fields: Fields): ParsedServiceRequest {
  const faults: Open311Fault[] = [];
  const one: Partial<Record<SingleField, string>> = {};
  for (const name of SINGLE_FIELDS) {
    const value = fields[name];
    if (Array.isArray(value)) faults.push(fault(400, name, 'must be given once'));
    else if (value !== undefined && value.trim() !== '') one[name] = value.trim();
  }
  // A repeated field cannot be read at all; saying it is also missing would mislead.
  if (faults.length > 0) return { ok: false, faults };

  if (one.service_code === undefined) faults.push(fault(400, 'service_code', 'is required'));
  else if (!isServiceCode(one.service_code)) return { ok: false, faults: [fault(404, 'service_code', `${one.service_code} is not a service; see services.json`)] };

  const location = parseLocation(one, faults);
  if (location === undefined && one.address_string === undefined && one.address_id === undefined && !faults.some(isLocationFault)) {
    faults.push(fault(400, 'lat', 'a location is required: lat and long, address_string or address_id'));
  }
  checkLength(one, 'address_string', 500, faults);
  checkLength(one, 'address_id', 200, faults);
  checkLength(one, 'account_id', 200, faults);
  checkLength(one, 'device_id', 200, faults);

  if (one.description === undefined) faults.push(fault(400, 'description', 'is required: an appeal needs its text'));
  else checkLength(one, 'description', DESCRIPTION_MAX_LENGTH, faults);
  if (one.media_url !== undefined && !isWebUrl(one.media_url)) faults.push(fault(400, 'media_url', 'must be an http or https URL'));

  const author = parseAuthor(one, faults);
  if (faults.length > 0 || one.service_code === undefined || one.description === undefined || !isServiceCode(one.service_code)) {
    return { ok: false, faults };
  }
  const { api_key: _credential, ...form } = withoutUndefined(fields);
  return {
    ok: true,
    submission: {
      serviceCode: one.service_code,
      author,
      text: one.description,
      ...(one.address_string !== undefined ? { problemAddress: one.address_string } : {}),
      ...(location !== undefined ? { location } : {}),
      ...(one.account_id !== undefined ? { accountId: one.account_id } : {}),
      form,
    },
  };
}

function parseLocation(one: Partial<Record<SingleField, string>>, faults: Open311Fault[]): GeoPoint | undefined {
  if (one.lat === undefined && one.long === undefined) return undefined;
  if (one.lat === undefined || one.long === undefined) {
    const missing = one.lat === undefined ? 'lat' : 'long';
    faults.push(fault(400, missing, 'is required with ' + (missing === 'lat' ? 'long' : 'lat')));
    return undefined;
  }
  const lat = coordinate(one.lat, 90);
  const lon = coordinate(one.long, 180);
  if (lat === undefined) faults.push(fault(400, 'lat', 'must be a WGS84 latitude in degrees, from -90 to 90'));
  if (lon === undefined) faults.push(fault(400, 'long', 'must be a WGS84 longitude in degrees, from -180 to 180'));
  return lat !== undefined && lon !== undefined ? { lat, lon } : undefined;
}

function coordinate(text: string, limit: number): number | undefined {
  if (!DECIMAL.test(text)) return undefined;
  const value = Number(text);
  return Math.abs(value) <= limit ? value : undefined;
}

function isLocationFault(entry: Open311Fault): boolean {
  return ['lat', 'long', 'address_string', 'address_id'].includes(entry.field);
}

/** The author in the fleet's terms: the name surname first, as Russian correspondence writes it. */
function parseAuthor(one: Partial<Record<SingleField, string>>, faults: Open311Fault[]): AppealAuthor {
  const name = [one.last_name, one.first_name].filter((part) => part !== undefined).join(' ');
  const candidate = {
    ...(name !== '' ? { name } : {}),
    ...(one.email !== undefined ? { email: one.email } : {}),
    ...(one.phone !== undefined ? { phone: one.phone } : {}),
  };
  const parsed = AppealAuthor.safeParse(candidate);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'name');
    const field = key === 'name' ? (one.last_name !== undefined ? 'last_name' : 'first_name') : key;
    faults.push(fault(400, field, issue.message));
  }
  return {};
}

function checkLength(one: Partial<Record<SingleField, string>>, name: SingleField, max: number, faults: Open311Fault[]): void {
  const value = one[name];
  if (value !== undefined && value.length > max) faults.push(fault(400, name, `must be at most ${max} characters`));
}

function isWebUrl(text: string): boolean {
  if (text.length > 2_000) return false;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function withoutUndefined(fields: Fields): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string | string[]] => entry[1] !== undefined));
}
