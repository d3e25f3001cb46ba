import year2025 from './calendars/2025.json' with { type: 'json' };
import year2026 from './calendars/2026.json' with { type: 'json' };
import year2027 from './calendars/2027.json' with { type: 'json' };
import { createProductionCalendar, type ProductionCalendar } from './production-calendar.js';

/** The yearly files shipped with the package; an administrator's files replace them at run time. */
export const BUNDLED_CALENDAR_YEARS: readonly unknown[] = [year2025, year2026, year2027];

/**
 * The Russian production calendar as shipped, for a city's zone and hours. Data is checked like
 * an administrator's, so a bad shipped file fails the unit tests, not a monitor at night.
 */
export function bundledProductionCalendar(settings?: unknown): ProductionCalendar {
  return createProductionCalendar({ settings, years: BUNDLED_CALENDAR_YEARS });
}
