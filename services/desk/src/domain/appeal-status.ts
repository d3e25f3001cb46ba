/**
 * Statuses after which an appeal needs nothing more from the administration. The registry knows
 * received, triage and routed today and the executors' work adds more; an appeal counts as open
 * unless its status says it is done, so a new in-progress status never silences a repeat warning.
 */
const DONE_STATUSES = new Set(['answered', 'answered-orally', 'closed', 'forwarded', 'withdrawn', 'rejected']);

/** Open when still under way, or when the registry has not recorded it yet (it was just registered). */
export function isOpen(status: string | undefined): boolean {
  return status === undefined || !DONE_STATUSES.has(status);
}
