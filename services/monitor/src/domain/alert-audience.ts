import { coversUnit, type StaffPrincipal, type StaffRole } from '@priemnaya/auth';
import type { ControlAlert } from '@priemnaya/contracts';

/** Who may watch alerts at all: intake operators have no units to be warned about. */
export const ALERT_WATCHERS: StaffRole[] = ['executor', 'supervisor', 'administrator'];

/**
 * Whether a person sees an alert: an executor the alerts of their unit meant for executors, a
 * supervisor every alert of the units they supervise, an administrator all. An alert of an appeal
 * not routed yet has no unit, so only administrators see it.
 */
export function isVisibleTo(principal: StaffPrincipal, alert: ControlAlert): boolean {
  if (principal.role === 'administrator') return true;
  if (alert.unit === undefined || !coversUnit(principal, alert.unit)) return false;
  if (principal.role === 'executor') return alert.recipients.includes('executor');
  return principal.role === 'supervisor';
}
