import { authenticateRequest, type StaffTokens } from '@priemnaya/auth';
import { ROUTING_TOPICS, RoutingTopic } from '@priemnaya/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { PrecisionPolicy } from '../../domain/precision-guard.js';
import type { TopicGuard } from '../../domain/precision-watch.js';

const Share = z.number().min(0).max(1);

/** One topic as the administrators' API shows it. */
export const TopicPrecision = z.object({
  topic: RoutingTopic,
  /** `routing`: the model routes the topic above its threshold; `suspended`: its appeals go to triage. */
  state: z.enum(['routing', 'suspended']),
  since: z.iso.datetime().nullable(),
  /** Settled outcomes in the window, and how many of them were right. */
  outcomes: z.number().int().nonnegative(),
  right: z.number().int().nonnegative(),
  precision: Share.nullable(),
  lowerBound: Share,
  upperBound: Share,
  evaluatedAt: z.iso.datetime().nullable(),
});
export const PrecisionReport = z.object({
  policy: z.object({ target: Share, resumeAt: Share, window: z.number().int(), minOutcomes: z.number().int(), confidenceZ: z.number(), settleAfterDays: z.number() }),
  topics: z.array(TopicPrecision),
});

export interface PrecisionRouteDeps {
  tokens: StaffTokens;
  policy: PrecisionPolicy;
  settleAfterMs: number;
  /** Every topic's stored state, as fresh as routing uses it. */
  current(): Promise<Map<RoutingTopic, TopicGuard>>;
}

/**
 * The live precision guard for administrators: each routing topic's measured precision, its
 * window and whether it is suspended, beside the policy that judges them. The trail of
 * suspensions and resumptions is in `GET /v1/routing/audit?entity=precision-guard`.
 */
export function precisionRoutes(app: FastifyInstance, deps: PrecisionRouteDeps): void {
  app.get('/v1/routing/precision', async (request): Promise<z.infer<typeof PrecisionReport>> => {
    await authenticateRequest(deps.tokens, request, ['administrator']);
    const guards = await deps.current();
    return {
      policy: { ...deps.policy, settleAfterDays: deps.settleAfterMs / 86_400_000 },
      topics: ROUTING_TOPICS.map(({ code }) => {
        const guard = guards.get(code);
        const window = guard?.window ?? { outcomes: 0, right: 0, precision: null, lowerBound: 0, upperBound: 1 };
        return {
          topic: code,
          state: guard?.state ?? 'routing',
          since: guard?.since?.toISOString() ?? null,
          ...window,
          evaluatedAt: guard?.evaluatedAt.toISOString() ?? null,
        };
      }),
    };
  });
}
