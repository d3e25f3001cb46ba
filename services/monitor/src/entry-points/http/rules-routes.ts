import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { checkPolicySet, checkProductionCalendar, movedDaysOff, parseCalendarCsv, summariseYear } from '@priemnaya/deadlines';
import { RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { RulesStore } from '../../data-access/rules-store.js';
import type { Clock } from '../../domain/clock.js';
import { calendarSettingsFrom, type DeadlineRules } from '../../use-cases/deadline-rules.js';

/** One year of the open-data CSV, as `./scripts/dev calendar import FILE` sends it. */
export const CalendarImport = z.strictObject({
  csv: z.string().min(1, 'must hold the CSV text').max(1_000_000, 'must be at most 1 MB'),
  year: z.number().int().min(2000).max(2100).optional(),
  act: z.string().trim().min(1).max(500).optional(),
  provisionalReason: z.string().trim().min(1).max(2000).optional(),
});

const YearParams = z.strictObject({ year: z.coerce.number({ error: 'must be a year' }).int().min(2000, 'must be a year from 2000').max(2100, 'must be a year up to 2100') });

/**
 * `PUT /v1/deadline-policies`, `PUT /v1/production-calendar` and `POST
 * /v1/production-calendar/imports` for administrators: the data is checked whole (an invalid set
 * is refused with every reason, and nothing changes), stored, put in force, and every open appeal
 * re-planned before the answer. `GET /v1/production-calendar/years/{year}` for any staff: what
 * the consoles show, including whether the year is provisional.
 */
export function rulesRoutes(
  http: FastifyInstance,
  deps: { tokens: StaffTokens; rules: DeadlineRules; store: RulesStore; clock: Clock; cityZone: string; replan(): Promise<{ appeals: number }> },
): void {
  http.put('/v1/deadline-policies', async (request) => {
    const administrator = await authenticateRequest(deps.tokens, request, ['administrator']);
    const checked = checkPolicySet(request.body);
    if (!checked.ok) throw refused('deadline policies', checked.reasons);
    await deps.store.save('policies', request.body, administrator.staffId, deps.clock.now());
    deps.rules.replace({ ...deps.rules.current(), policies: checked.value });
    return { replanned: (await deps.replan()).appeals };
  });

  http.put('/v1/production-calendar', async (request) => {
    const administrator = await authenticateRequest(deps.tokens, request, ['administrator']);
    const body = request.body as { settings?: unknown; years?: unknown } | null;
    const years = Array.isArray(body?.years) ? (body.years as unknown[]) : undefined;
    if (years === undefined) throw new RequestError(400, 'validation_failed', 'years: must be a list of calendar years', [{ field: 'years', message: 'is required' }]);
    const settings = calendarSettingsFrom(body?.settings, deps.cityZone);
    if (!settings.ok) throw refused('production calendar', [settings.reason]);
    const checked = checkProductionCalendar({ settings: settings.settings, years });
    if (!checked.ok) throw refused('production calendar', checked.reasons);
    await deps.store.save('calendar', { settings: settings.settings, years }, administrator.staffId, deps.clock.now());
    deps.rules.replace({ ...deps.rules.current(), calendar: checked.value, calendarSettings: settings.settings });
    return { replanned: (await deps.replan()).appeals };
  });

  http.post('/v1/production-calendar/imports', async (request) => {
    const administrator = await authenticateRequest(deps.tokens, request, ['administrator']);
    const body = CalendarImport.safeParse(request.body);
    if (!body.success) throw refused('calendar import', body.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`));
    const year = parseCalendarCsv(body.data.csv, body.data);
    if (!year.ok) throw refused('calendar import', year.reasons.map((reason) => `csv: ${reason}`));
    const current = deps.rules.current().calendar;
    const years = [...current.data.filter((known) => known.year !== year.value.year), year.value].sort((a, b) => a.year - b.year);
    const settings = deps.rules.current().calendarSettings;
    const checked = checkProductionCalendar({ settings, years });
    if (!checked.ok) throw refused('production calendar', checked.reasons);
    await deps.store.save('calendar', { settings, years }, administrator.staffId, deps.clock.now());
    deps.rules.replace({ ...deps.rules.current(), calendar: checked.value });
    const summary = summariseYear(checked.value, year.value.year);
    return { year: summary.year, workingDays: summary.workingDays, provisional: summary.provisional, replanned: (await deps.replan()).appeals };
  });

  http.get('/v1/production-calendar/years/:year', async (request) => {
    await authenticateRequest(deps.tokens, request, ['intake-operator', 'executor', 'supervisor', 'administrator']);
    const params = YearParams.safeParse(request.params);
    if (!params.success) throw refused('year', params.error.issues.map((issue) => `year: ${issue.message}`));
    const calendar = deps.rules.current().calendar;
    const summary = summariseYear(calendar, params.data.year);
    const source = calendar.data.find((known) => known.year === params.data.year)?.source;
    return {
      ...summary,
      source: source ?? { act: 'ТК РФ ст. 112 (нерабочие праздничные дни); данных за год нет', status: 'provisional', provisionalReason: 'за этот год календарь не внесён: учтены только праздники ст. 112 ТК РФ' },
      movedDaysOff: movedDaysOff(calendar, params.data.year),
    };
  });
}

function refused(what: string, reasons: string[]): RequestError {
  return new RequestError(400, 'validation_failed', `${what} refused: ${reasons.join('; ')}`, reasons.map((reason) => ({ field: reason.split(':')[0] ?? what, message: reason })));
}
