import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { checkPolicySet, checkProductionCalendar } from '@priemnaya/deadlines';
import { RequestError } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import type { RulesStore } from '../../data-access/rules-store.js';
import type { Clock } from '../../domain/clock.js';
import type { DeadlineRules } from '../../use-cases/deadline-rules.js';

/**
 * `PUT /v1/deadline-policies` and `PUT /v1/production-calendar` for administrators: the data is
 * checked whole (an invalid set is refused with every reason, and nothing changes), stored, put
 * in force, and every open appeal re-planned before the answer.
 */
export function rulesRoutes(
  http: FastifyInstance,
  deps: { tokens: StaffTokens; rules: DeadlineRules; store: RulesStore; clock: Clock; replan(): Promise<{ appeals: number }> },
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
    const checked = checkProductionCalendar({ settings: body?.settings, years });
    if (!checked.ok) throw refused('production calendar', checked.reasons);
    await deps.store.save('calendar', { settings: body?.settings, years }, administrator.staffId, deps.clock.now());
    deps.rules.replace({ ...deps.rules.current(), calendar: checked.value });
    return { replanned: (await deps.replan()).appeals };
  });
}

function refused(what: string, reasons: string[]): RequestError {
  return new RequestError(400, 'validation_failed', `${what} refused: ${reasons.join('; ')}`, reasons.map((reason) => ({ field: reason.split(':')[0] ?? what, message: reason })));
}
