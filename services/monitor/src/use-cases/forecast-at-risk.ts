import type { Logger } from 'pino';
import type { AnswerLog } from '../data-access/answer-log.js';
import type { AppealClockStore } from '../data-access/appeal-clock-store.js';
import { atRiskAlert, forecastUnit, paceWindow, unitPace } from '../domain/at-risk-forecast.js';
import type { Clock } from '../domain/clock.js';
import type { DeadlineRules } from './deadline-rules.js';
import type { RaiseAlerts } from './raise-alerts.js';

export interface ForecastDeps {
  clocks: AppealClockStore;
  answers: AnswerLog;
  raise: RaiseAlerts;
  rules: DeadlineRules;
  clock: Clock;
  /** Completed working days the pace is learned over. */
  paceWindowWorkingDays: number;
  logger: Logger;
}

export interface ForecastReport {
  /** Units with a pace, whose queues were forecast. */
  units: number;
  atRisk: number;
  /** At-risk alerts produced by this run: each appeal and clock once, ever. */
  raised: number;
  pending: number;
}

/**
 * Records an answer for the pace, then, run periodically (never on a tick), forecasts unit by
 * unit: each unit's cost is reading its own open appeals (with MongoDB, through an index on
 * `units`; FerretDB scans). Units with no answers in the window have no pace and are skipped.
 * Each at-risk clock is raised once through the same claim ledger as the stages.
 */
export function createForecastAtRisk(deps: ForecastDeps) {
  let running: Promise<ForecastReport> | undefined;
  return {
    recordAnswer: (answer: { eventId: string; appealId: string; unit: string; answeredAt: string }) => deps.answers.record(answer),
    forecast(): Promise<ForecastReport> {
      running ??= run().finally(() => {
        running = undefined;
      });
      return running;
    },
    async settled(): Promise<void> {
      await running?.catch(() => undefined);
    },
  };

  async function run(): Promise<ForecastReport> {
    const now = deps.clock.now();
    const { calendar } = deps.rules.current();
    const window = paceWindow(calendar, now, deps.paceWindowWorkingDays);
    const byUnit = new Map<string, string[]>();
    for (const answer of await deps.answers.since(window.since)) byUnit.set(answer.unit, [...(byUnit.get(answer.unit) ?? []), answer.answeredAt]);
    const report: ForecastReport = { units: 0, atRisk: 0, raised: 0, pending: 0 };
    for (const [unit, answeredAt] of [...byUnit].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const pace = unitPace(calendar, now, deps.paceWindowWorkingDays, answeredAt);
      if (pace.pacePerWorkingDay <= 0) continue;
      report.units += 1;
      const open = await deps.clocks.listOpen({ units: [unit] });
      const queue = open.flatMap((appeal) => appeal.state.clocks.map((clock) => ({ clock, registrationNumber: appeal.registrationNumber })));
      const findings = forecastUnit({ unit, queue, pace, calendar, now });
      report.atRisk += findings.length;
      const { fired, pending } = await deps.raise(findings.map((finding) => atRiskAlert(finding, now)), now);
      report.raised += fired;
      report.pending += pending;
    }
    await deps.answers.prune(window.since);
    if (report.raised > 0) deps.logger.info(report, 'at-risk forecast raised alerts');
    return report;
  }
}
export type ForecastAtRisk = ReturnType<typeof createForecastAtRisk>;
