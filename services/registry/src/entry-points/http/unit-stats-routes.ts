import { authenticateRequest, forbidden, type StaffTokens } from '@priemnaya/auth';
import { UnitCode } from '@priemnaya/contracts';
import { parseRequest, RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { UnitStatsSnapshot } from '../../data-access/unit-stats-snapshot.js';
import { cityZone } from '../../domain/answer-deadline.js';
import { statsScope } from '../../domain/staff-access.js';
import { unitDaySeries } from '../../domain/unit-day-series.js';
import { chartDates } from '../../domain/unit-days.js';

export interface UnitStatsRouteDeps {
  snapshot: UnitStatsSnapshot;
  tokens: StaffTokens;
  /** The clock that says which day is today in the city. */
  now: () => Date;
}

/** The longest chart, in days; the charts are for supervision, not for archive reports. */
export const MAX_CHART_DAYS = 90;
const MAX_UNITS = 50;

export const StatsQuery = z.strictObject({
  units: z
    .string()
    .transform((text) => [...new Set(text.split(',').map((part) => part.trim()).filter((part) => part.length > 0))])
    .pipe(z.array(UnitCode).min(1, 'must name at least one unit').max(MAX_UNITS, `must name at most ${MAX_UNITS} units`))
    .optional(),
  days: z.coerce.number().int('must be a whole number of days').min(1).max(MAX_CHART_DAYS).default(30),
});

/**
 * The supervisors' charts: for each unit, one entry per city day (oldest first, empty days
 * included) with the appeals received, answered and answered on time that day, and those open
 * and overdue at its end. No personal data: counts only, so nothing is read-audited.
 */
export function unitStatsRoutes(app: FastifyInstance, deps: UnitStatsRouteDeps): void {
  const zone = cityZone();

  app.get('/v1/staff/units/stats', async (request) => {
    const principal = await authenticateRequest(deps.tokens, request);
    const query = parseRequest(StatsQuery, request.query);
    const scope = statsScope(principal, query.units);
    if (!scope.allowed) {
      if (scope.status === 403) throw forbidden(scope.message);
      throw new RequestError(400, 'validation_failed', `${scope.field}: ${scope.message}`, [{ field: scope.field, message: scope.message }]);
    }
    const now = deps.now().toISOString();
    const dates = chartDates(now, query.days, zone);
    // Charts of any length share their units' kept read: it reaches back as far as the longest.
    const [earliest = ''] = chartDates(now, MAX_CHART_DAYS, zone);
    const { marks, appeals } = await deps.snapshot.forUnits(scope.units, earliest);
    return { units: unitDaySeries({ units: scope.units, dates, now, zone, marks, appeals }) };
  });
}
