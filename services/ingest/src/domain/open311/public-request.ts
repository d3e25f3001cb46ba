import { findOpen311Service } from './open311-services.js';
import { open311Status, statusNotes, type Open311Status } from './open311-status.js';

/** What is known of an appeal that came through Open311, from ingest and the registry. */
export interface Open311Appeal {
  appealId: string;
  registrationNumber: string;
  serviceCode: string;
  /** The fleet's status; `received` until the registry has seen the appeal. */
  status: string;
  unit?: string;
  receivedAt: string;
  updatedAt: string;
}

/**
 * A service request as anyone may read it (`GET requests`, `GET requests/{id}`). The standard's
 * public view also has description, address, address_id, zipcode, lat, long and media_url; they
 * are left out on purpose. An appeal under 59-FZ is the citizen's personal data: its text names
 * people and circumstances, and the place is often the citizen's own home or yard, which with
 * the time identifies them. The API has no authentication, so what it shows is what any third
 * party sees: the status, the service, the unit that answers and the dates.
 */
export interface PublicServiceRequest {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  agency_responsible?: string;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
}

export function publicServiceRequest(appeal: Open311Appeal): PublicServiceRequest {
  return {
    service_request_id: appeal.appealId,
    status: open311Status(appeal.status),
    status_notes: statusNotes(appeal.status),
    service_name: findOpen311Service(appeal.serviceCode)?.service_name ?? appeal.serviceCode,
    service_code: appeal.serviceCode,
    ...(appeal.unit !== undefined ? { agency_responsible: appeal.unit } : {}),
    service_notice: serviceNotice(appeal.registrationNumber),
    requested_datetime: appeal.receivedAt,
    updated_datetime: appeal.updatedAt,
  };
}

/** What the administration will do: told once on POST and kept on every view. Art. 12 of 59-FZ. */
export function serviceNotice(registrationNumber: string): string {
  return `Обращение зарегистрировано под номером ${registrationNumber}; ответ будет дан в течение 30 дней со дня регистрации (ст. 12 59-ФЗ).`;
}

/**
 * The token of a request is its registration number in a form a URL can carry (`00042-2026` for
 * `00042/2026`): the number the citizen is told, so `GET tokens/{token}` finds the request by it.
 */
export function tokenOf(registrationNumber: string): string {
  return registrationNumber.replace('/', '-');
}

export function registrationNumberOf(token: string): string | undefined {
  return /^\d{5,}-\d{4}$/.test(token) ? token.replace('-', '/') : undefined;
}
