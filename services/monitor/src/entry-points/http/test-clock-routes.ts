import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { parseRequest } from '@priemnaya/http';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ShiftedClock } from '../../domain/clock.js';
import type { TickReport } from '../../use-cases/fire-due-stages.js';

const AdvanceBody = z.strictObject({
  /** How far to move the monitor's time forward; at most 400 days at once. */
  ms: z.number({ error: 'must be a number of milliseconds' }).int().min(1).max(400 * 24 * 3_600_000),
});

/**
 * `POST /_test/clock/advance {ms}`: moves the monitor's time forward and ticks at once, so an
 * end-to-end test of the running fleet sees a stage fire without waiting days. Registered only
 * when the monitor is started with TEST_CLOCK=on (never in a deployment); administrators only.
 */
export function testClockRoutes(http: FastifyInstance, deps: { tokens: StaffTokens; clock: ShiftedClock; tick: () => Promise<TickReport> }): void {
  http.post('/_test/clock/advance', async (request) => {
    await authenticateRequest(deps.tokens, request, ['administrator']);
    const { ms } = parseRequest(AdvanceBody, request.body);
    deps.clock.advance(ms);
    const report = await deps.tick();
    return { now: deps.clock.now().toISOString(), fired: report.fired, pending: report.pending };
  });
}
