import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { addCalendarDays, LocalDate, startOfLocalDay } from '@priemnaya/deadlines';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppealClockStore } from '../../data-access/appeal-clock-store.js';
import type { AlertFeed } from '../../delivery/alert-feed.js';
import { buildDailyDigest } from '../../domain/daily-digest.js';
import type { DeadlineRules } from '../../use-cases/deadline-rules.js';

const DigestParams = z.strictObject({ date: LocalDate });

/**
 * `GET /v1/digests/{date}`: the signed-in supervisor's day in the city's calendar: the alerts
 * raised in their units and their units' running clocks. `alertsComplete` is false for a date
 * older than the feed keeps.
 */
export function digestRoutes(http: FastifyInstance, deps: { tokens: StaffTokens; feed: AlertFeed; clocks: AppealClockStore; rules: DeadlineRules }): void {
  http.get('/v1/digests/:date', async (request) => {
    const supervisor = await authenticateRequest(deps.tokens, request, ['supervisor']);
    const { date } = parseRequest(DigestParams, request.params, 'params');
    const zone = deps.rules.current().calendar.zone;
    const from = Date.parse(startOfLocalDay(date, zone));
    const to = Date.parse(startOfLocalDay(addCalendarDays(date, 1), zone));
    // A scan of the open appeals, once a day per supervisor; MongoDB would serve it from an
    // index on { open, units }.
    const open = await deps.clocks.listOpen({ units: supervisor.units });
    return {
      ...buildDailyDigest({
        date,
        endOfDay: to,
        units: supervisor.units,
        alerts: deps.feed.raisedBetween(from, to),
        openAppeals: open.map((appeal) => ({ registrationNumber: appeal.registrationNumber, clocks: appeal.state.clocks })),
      }),
      alertsComplete: from >= deps.feed.retainedSince(),
    };
  });
}
