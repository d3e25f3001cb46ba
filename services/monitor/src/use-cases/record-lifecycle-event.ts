import { applyLifecycleEvent, emptyAppealClocks, type LifecycleEvent } from '@priemnaya/deadlines';
import { ConcurrentClockWrite } from '../data-access/appeal-clock-store.js';
import { documentOf, planOf, scheduleStages, writePlanned, type PlanningDeps } from './plan-appeal.js';
import type { Serialize } from './serialize.js';

/**
 * Applies one lifecycle event to its appeal's clocks and schedules the stages they plan. Safe to
 * repeat and in any order: the clocks are a function of the set of events, a repeated event
 * changes nothing, and an event of an appeal not registered (yet) starts no clock.
 */
export function createRecordLifecycleEvent(deps: PlanningDeps & { serialize: Serialize }) {
  return (event: LifecycleEvent, registrationNumber?: string): Promise<void> =>
    deps.serialize(async () => {
      const { policies, calendar } = deps.rules.current();
      // A new appeal is inserted without reading first: most events of a new appeal cost one
      // round trip, and the duplicate-key answer says when the appeal is known.
      const fresh = applyLifecycleEvent(emptyAppealClocks(event.appealId), event, policies, calendar);
      const freshPlan = planOf(deps, fresh);
      if (await deps.clocks.insertNew(documentOf(fresh, freshPlan, 1, registrationNumber, deps.clock.now()))) {
        await scheduleStages(deps, { state: fresh, rev: 1, registrationNumber, planned: freshPlan, withdrawn: [] });
        return;
      }

      const known = await deps.clocks.get(event.appealId);
      if (known === null) throw new ConcurrentClockWrite(event.appealId);
      const state = applyLifecycleEvent(known.state, event, policies, calendar);
      if (state === known.state && (known.registrationNumber !== undefined || registrationNumber === undefined)) {
        // A redelivery: the process may have died after writing the appeal and before scheduling
        // its stages, so the current revision's lines are written again (identical lines change nothing).
        await scheduleStages(deps, { state: known.state, rev: known.rev, registrationNumber: known.registrationNumber, planned: known.plan, withdrawn: [] });
        return;
      }
      await writePlanned(deps, known, state, registrationNumber);
    });
}
