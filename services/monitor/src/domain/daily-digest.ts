import type { ControlAlert } from '@priemnaya/contracts';
import type { Clock as LegalClock } from '@priemnaya/deadlines';

export interface DigestAlert {
  alertId: string;
  type: ControlAlert['type'];
  appealId: string;
  registrationNumber?: string;
  unit?: string;
  clockKind: string;
  stageId?: string;
  dueAt: string;
  raisedAt: string;
}

export interface DigestClock {
  appealId: string;
  registrationNumber?: string;
  unit: string;
  clockId: string;
  clockKind: string;
  dueAt: string;
  /** Due on or before the digest's date. */
  overdue: boolean;
  /** Counted through a year whose decree on transfers is not entered: the date may move. */
  provisional: boolean;
}

export interface DailyDigest {
  date: string;
  units: string[];
  alerts: { total: number; byStage: Record<string, number>; items: DigestAlert[] };
  /** `provisional`: clocks whose due date rests on a year whose decree is not entered. */
  openClocks: { total: number; overdue: number; dueWithinThreeDays: number; provisional: number; items: DigestClock[] };
}

/**
 * A supervisor's day: the alerts raised that day in their units, and their units' running clocks,
 * soonest due first. Ids, numbers and times only.
 */
export function buildDailyDigest(input: {
  date: string;
  /** The end of the date in the city. */
  endOfDay: number;
  units: string[];
  alerts: ControlAlert[];
  openAppeals: { registrationNumber?: string | undefined; clocks: LegalClock[] }[];
}): DailyDigest {
  const units = new Set(input.units);
  const alerts = input.alerts.filter((alert) => alert.unit !== undefined && units.has(alert.unit));
  const byStage: Record<string, number> = {};
  for (const alert of alerts) {
    const stage = alert.type === 'deadline-stage' ? alert.stageId : 'at-risk';
    byStage[stage] = (byStage[stage] ?? 0) + 1;
  }
  const clocks = input.openAppeals
    .flatMap((appeal) =>
      appeal.clocks
        .filter((clock) => clock.status === 'running' && clock.unit !== undefined && units.has(clock.unit))
        .map((clock): DigestClock => ({
          appealId: clock.appealId,
          ...(appeal.registrationNumber !== undefined ? { registrationNumber: appeal.registrationNumber } : {}),
          unit: clock.unit ?? '',
          clockId: clock.clockId,
          clockKind: clock.kind,
          dueAt: clock.dueAt,
          overdue: Date.parse(clock.dueAt) < input.endOfDay,
          provisional: clock.provisional === true,
        })),
    )
    .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const threeDays = input.endOfDay + 3 * 24 * 60 * 60_000;
  return {
    date: input.date,
    units: input.units,
    alerts: { total: alerts.length, byStage, items: alerts.map(digestAlert) },
    openClocks: {
      total: clocks.length,
      overdue: clocks.filter((clock) => clock.overdue).length,
      dueWithinThreeDays: clocks.filter((clock) => !clock.overdue && Date.parse(clock.dueAt) < threeDays).length,
      provisional: clocks.filter((clock) => clock.provisional).length,
      items: clocks,
    },
  };
}

function digestAlert(alert: ControlAlert): DigestAlert {
  return {
    alertId: alert.alertId,
    type: alert.type,
    appealId: alert.appealId,
    ...(alert.registrationNumber !== undefined ? { registrationNumber: alert.registrationNumber } : {}),
    ...(alert.unit !== undefined ? { unit: alert.unit } : {}),
    clockKind: alert.clockKind,
    ...(alert.type === 'deadline-stage' ? { stageId: alert.stageId } : {}),
    dueAt: alert.dueAt,
    raisedAt: alert.raisedAt,
  };
}
