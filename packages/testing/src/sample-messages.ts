import { randomUUID } from 'node:crypto';
import type { ControlAlert } from '@priemnaya/contracts';

/** A valid deadline-stage alert with fresh ids: a small message any topic test can publish on control.alerts. */
export function aStageAlert(): ControlAlert {
  return {
    version: 1, type: 'deadline-stage', alertId: randomUUID(), appealId: randomUUID(), clockId: 'answer', clockKind: 'answer',
    policyId: 'written-59fz', stageId: 'half-time', trigger: 'time-used', unit: 'zhkh', recipients: ['executor'],
    thresholdAt: '2026-12-08T06:00:00.000Z', fireAt: '2026-12-08T06:00:00.000Z', dueAt: '2026-12-23T21:00:00.000Z', raisedAt: '2026-12-08T06:00:05.000Z',
  };
}
