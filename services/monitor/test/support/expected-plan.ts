import type { AppealReceived, AppealRouted } from '@priemnaya/contracts';
import {
  applyLifecycleEvent,
  bundledProductionCalendar,
  defaultPolicySet,
  emptyAppealClocks,
  planAppealStages,
  type PlannedStage,
  type PolicySet,
} from '@priemnaya/deadlines';
import { lifecycleFromEvent, lifecycleFromReceived } from '../../src/domain/lifecycle-from-appeal.js';

/** The stages the deadlines package plans for an appeal and its routing: what the monitor must fire. */
export function expectedPlan(appeal: AppealReceived, routed: AppealRouted, policies: PolicySet = defaultPolicySet()): PlannedStage[] {
  const calendar = bundledProductionCalendar();
  const routing = lifecycleFromEvent(routed);
  if (routing === undefined) throw new Error('a routed event maps onto the clocks');
  const state = applyLifecycleEvent(applyLifecycleEvent(emptyAppealClocks(appeal.appealId), lifecycleFromReceived(appeal), policies, calendar), routing, policies, calendar);
  return planAppealStages(state.clocks, policies, calendar);
}
