import type { AppealEvent, AppealReceived } from '@priemnaya/contracts';
import {
  applyLifecycleEvent,
  bundledProductionCalendar,
  defaultPolicySet,
  emptyAppealClocks,
  planAppealStages,
  type AppealClocks,
  type PlannedStage,
  type PolicySet,
} from '@priemnaya/deadlines';
import { lifecycleFromEvent, lifecycleFromReceived } from '../../src/domain/lifecycle-from-appeal.js';

/** The clocks the deadlines package derives from an appeal and its events. */
export function expectedClocks(appeal: AppealReceived, events: AppealEvent[], policies: PolicySet = defaultPolicySet()): AppealClocks {
  const calendar = bundledProductionCalendar();
  let state = applyLifecycleEvent(emptyAppealClocks(appeal.appealId), lifecycleFromReceived(appeal), policies, calendar);
  for (const event of events) {
    const lifecycle = lifecycleFromEvent(event);
    if (lifecycle !== undefined) state = applyLifecycleEvent(state, lifecycle, policies, calendar);
  }
  return state;
}

/** The stages the deadlines package plans for an appeal and its events: what the monitor must fire. */
export function expectedPlan(appeal: AppealReceived, routed: AppealEvent, policies: PolicySet = defaultPolicySet(), later: AppealEvent[] = []): PlannedStage[] {
  const state = expectedClocks(appeal, [routed, ...later], policies);
  return planAppealStages(state.clocks, policies, bundledProductionCalendar());
}
