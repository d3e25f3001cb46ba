import {
  BUNDLED_CALENDAR_YEARS,
  createProductionCalendar,
  defaultPolicySet,
  loadPolicySet,
  type PolicySet,
  type ProductionCalendar,
} from '@priemnaya/deadlines';

export interface Rules {
  policies: PolicySet;
  calendar: ProductionCalendar;
  /** The calendar settings as the administrator gave them, with the city's zone; kept to store again on an import. */
  calendarSettings: Record<string, unknown>;
}

/** The policies and calendar in force; replaced as a whole when an administrator changes one. */
export function createDeadlineRules(initial: Rules) {
  let current = initial;
  return {
    current: () => current,
    replace(next: Rules) {
      current = next;
    },
  };
}
export type DeadlineRules = ReturnType<typeof createDeadlineRules>;

/**
 * The rules from what an administrator stored, or those shipped with the deadlines package, in
 * the city's zone (`CITY_TIME_ZONE`, the one setting every service reads): a zone stored with an
 * older calendar does not override it. Invalid data throws DeadlineDataError naming every field
 * at fault: it was checked when stored, so this means the store was edited by hand, and the
 * monitor must not run on a guess.
 */
export function rulesFrom(stored: { policies?: unknown; calendar?: unknown }, cityZone: string): Rules {
  const calendar = (stored.calendar ?? {}) as { settings?: unknown; years?: unknown };
  const calendarSettings = { ...(isRecord(calendar.settings) ? calendar.settings : {}), zone: cityZone };
  const years = Array.isArray(calendar.years) ? (calendar.years as unknown[]) : BUNDLED_CALENDAR_YEARS;
  return {
    policies: stored.policies === undefined ? defaultPolicySet() : loadPolicySet(stored.policies),
    calendar: createProductionCalendar({ settings: calendarSettings, years }),
    calendarSettings,
  };
}

/**
 * Settings from a request, with the city's zone: a different zone is refused, because the monitor
 * alone counting in another zone than ingest and the notifier is exactly the disagreement the one
 * setting prevents.
 */
export function calendarSettingsFrom(given: unknown, cityZone: string): { ok: true; settings: Record<string, unknown> } | { ok: false; reason: string } {
  const settings = isRecord(given) ? given : {};
  if (settings.zone !== undefined && settings.zone !== cityZone) {
    return { ok: false, reason: `settings.zone: the city's zone is set once for every service, by CITY_TIME_ZONE (${cityZone}); it cannot differ here` };
  }
  return { ok: true, settings: { ...settings, zone: cityZone } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
