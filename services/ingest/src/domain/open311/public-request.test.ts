import { describe, expect, it } from 'vitest';
import { open311Status } from './open311-status.js';
import { publicServiceRequest, registrationNumberOf, tokenOf } from './public-request.js';

describe('publicServiceRequest', () => {
  it('shows status, service, unit and dates, and nothing of the text, author or place', () => {
    const view = publicServiceRequest({
      appealId: 'a1',
      registrationNumber: '00042/2026',
      serviceCode: 'roads',
      status: 'routed',
      unit: 'dorogi',
      receivedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:02.000Z',
    });
    expect(Object.keys(view)).toEqual([
      'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime',
    ]);
    expect(view).toMatchObject({ status: 'open', service_name: 'Дороги', agency_responsible: 'dorogi' });
  });
});

describe('open311Status', () => {
  it('maps received, triage, routed and unknown statuses to open; answered and closed to closed', () => {
    expect(['received', 'triage', 'routed', 'accepted', 'answered', 'closed'].map(open311Status)).toEqual(['open', 'open', 'open', 'open', 'closed', 'closed']);
  });
});

describe('tokenOf', () => {
  it('is the registration number in a URL-safe form, and reads back', () => {
    expect(tokenOf('00042/2026')).toBe('00042-2026');
    expect(registrationNumberOf('00042-2026')).toBe('00042/2026');
    expect(registrationNumberOf('../etc')).toBeUndefined();
  });
});
