import { describe, expect, it } from 'vitest';
import { alertBoard, type BoardAlert } from './alert-board.js';

const stage = (alertId: string, appealId: string, trigger: BoardAlert['trigger'], raisedAt: string): BoardAlert => ({ alertId, type: 'deadline-stage', appealId, trigger, raisedAt });

describe('the supervisor’s lists of alerts', () => {
  it('lists each appeal once: overdue once its overdue stage fired, else at risk with its latest stage', () => {
    const board = alertBoard([
      stage('a1', 'a', 'time-used', '2026-11-20T09:00:00Z'),
      stage('b1', 'b', 'time-used', '2026-11-21T09:00:00Z'),
      stage('a2', 'a', 'working-days-left', '2026-11-22T09:00:00Z'),
      { alertId: 'c1', type: 'at-risk', appealId: 'c', raisedAt: '2026-11-22T10:00:00Z' },
      stage('b2', 'b', 'working-days-left', '2026-11-23T09:00:00Z'),
      stage('b3', 'b', 'overdue', '2026-11-23T09:00:00Z'),
    ]);
    expect(board.overdue.map((alert) => alert.alertId)).toEqual(['b3']);
    expect(board.atRisk.map((alert) => alert.alertId)).toEqual(['c1', 'a2']);
  });

  it('is empty with no alerts', () => {
    expect(alertBoard([])).toEqual({ overdue: [], atRisk: [] });
  });
});
