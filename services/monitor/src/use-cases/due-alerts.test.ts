import { describe, expect, it } from 'vitest';
import type { PlannedAlert, ScheduleEntry } from '../data-access/schedule-store.js';
import { dueAlerts } from './fire-due-stages.js';

const alert = (alertId: string, unit: string): PlannedAlert => ({
  version: 1, type: 'deadline-stage', alertId, appealId: '00000000-0000-4000-8000-000000000000', clockId: 'answer', clockKind: 'answer', policyId: 'written-appeal',
  stageId: 'half-time', trigger: 'time-used', thresholdAt: '2026-12-08T06:00:00.000Z', fireAt: '2026-12-08T06:00:00.000Z', dueAt: '2026-12-23T21:00:00.000Z', recipients: ['executor'], unit,
});
const A = '00000000-0000-5000-8000-00000000000a';
const B = '00000000-0000-5000-8000-00000000000b';
const appealId = '00000000-0000-4000-8000-000000000000';
const NOW = new Date('2026-12-08T06:01:10.000Z');
const bucket = (entries: ScheduleEntry[]): ScheduleEntry[] => entries;

describe('dueAlerts', () => {
  it('raises the latest revision of each stage, once, stamped with the tick\'s time', () => {
    const { alerts, skipped } = dueAlerts(bucket([
      { alertId: A, appealId, rev: 1, alert: alert(A, 'zhkh') },
      { alertId: A, appealId, rev: 1, withdrawn: true },
      { alertId: A, appealId, rev: 3, alert: alert(A, 'roads') },
      { alertId: B, appealId, rev: 2, alert: alert(B, 'zhkh') },
    ]), NOW);
    expect(alerts.map((raised) => [raised.alertId, raised.unit, raised.raisedAt])).toEqual([[A, 'roads', NOW.toISOString()], [B, 'zhkh', NOW.toISOString()]]);
    expect(skipped).toBe(0);
  });

  it('a withdrawal of a later revision silences the stage; one of the same revision belongs to the line that replaced it', () => {
    expect(dueAlerts(bucket([{ alertId: A, appealId, rev: 1, alert: alert(A, 'zhkh') }, { alertId: A, appealId, rev: 2, withdrawn: true }]), NOW)).toEqual({ alerts: [], skipped: 1 });
    const moved = dueAlerts(bucket([{ alertId: A, appealId, rev: 1, alert: alert(A, 'zhkh') }, { alertId: A, appealId, rev: 2, withdrawn: true }, { alertId: A, appealId, rev: 2, alert: alert(A, 'roads') }]), NOW);
    expect(moved.alerts.map((raised) => raised.unit)).toEqual(['roads']);
  });
});
