import { replanClocks } from '@priemnaya/deadlines';
import { writePlanned, type PlanningDeps } from './plan-appeal.js';
import type { Serialize } from './serialize.js';

/**
 * After a policy or calendar change: every open appeal's clocks recomputed under the new rules
 * and their stages re-planned. Stages that no longer apply are withdrawn by the plan itself (the
 * tick checks the plan), moved ones scheduled at their new minute. One scan of the open appeals,
 * on an administrator's change, never on a tick.
 */
export function createReplanOpenClocks(deps: PlanningDeps & { serialize: Serialize }) {
  return (): Promise<{ appeals: number }> =>
    deps.serialize(async () => {
      const { policies, calendar } = deps.rules.current();
      const open = await deps.clocks.listOpen();
      for (const known of open) await writePlanned(deps, known, replanClocks(known.state, policies, calendar), undefined);
      return { appeals: open.length };
    });
}
