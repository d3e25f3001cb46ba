import { describe, expect, it } from 'vitest';
import { parseServiceRequest } from './parse-service-request.js';

const valid = { service_code: 'roads', description: 'Яма на дороге', lat: '51.73', long: '36.19', first_name: 'Иван', last_name: 'Петров', email: 'ivan@example.org' };

describe('parseServiceRequest', () => {
  it('when the form is complete, makes the appeal with the name surname first and the coordinates', () => {
    const parsed = parseServiceRequest({ ...valid, api_key: 'secret', address_string: 'ул. Ленина, 5', account_id: 'acc-1' });
    expect(parsed).toEqual({
      ok: true,
      submission: {
        serviceCode: 'roads',
        author: { name: 'Петров Иван', email: 'ivan@example.org' },
        text: 'Яма на дороге',
        problemAddress: 'ул. Ленина, 5',
        location: { lat: 51.73, lon: 36.19 },
        accountId: 'acc-1',
        form: { ...valid, address_string: 'ул. Ленина, 5', account_id: 'acc-1' },
      },
    });
  });

  it('when service_code, location and description are missing, names each field with 400', () => {
    const parsed = parseServiceRequest({});
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.faults.map((entry) => [entry.code, entry.field])).toEqual([
      [400, 'service_code'],
      [400, 'lat'],
      [400, 'description'],
    ]);
    expect(parsed.faults[1]?.description).toBe('lat: a location is required: lat and long, address_string or address_id');
  });

  it('when the service_code is unknown, answers 404 naming service_code', () => {
    const parsed = parseServiceRequest({ ...valid, service_code: 'potholes' });
    expect(parsed).toEqual({ ok: false, faults: [{ code: 404, field: 'service_code', description: 'service_code: potholes is not a service; see services.json' }] });
  });

  it('when lat comes without long, or out of range, names the field', () => {
    const { long: _long, ...withoutLong } = valid;
    expect(parseServiceRequest(withoutLong)).toMatchObject({ ok: false, faults: [{ field: 'long', description: 'long: is required with lat' }] });
    expect(parseServiceRequest({ ...valid, lat: '91' })).toMatchObject({ ok: false, faults: [{ field: 'lat' }] });
  });

  it('when only address_id is given, accepts it as the location and keeps it in the form', () => {
    const { lat: _lat, long: _long, ...rest } = valid;
    const parsed = parseServiceRequest({ ...rest, address_id: 'A-17' });
    expect(parsed.ok && parsed.submission.form.address_id).toBe('A-17');
    expect(parsed.ok && parsed.submission.location).toBeUndefined();
  });

  it('when email, phone or media_url is malformed, or the description too long, names each field', () => {
    const parsed = parseServiceRequest({ ...valid, email: 'nope', phone: 'call me', media_url: 'ftp://x', description: 'a'.repeat(4001) });
    expect(parsed.ok ? [] : parsed.faults.map((entry) => entry.field).sort()).toEqual(['description', 'email', 'media_url', 'phone']);
  });

  it('when a field is repeated, answers that it must be given once', () => {
    expect(parseServiceRequest({ ...valid, description: ['a', 'b'] })).toMatchObject({ ok: false, faults: [{ field: 'description', description: 'description: must be given once' }] });
  });
});
