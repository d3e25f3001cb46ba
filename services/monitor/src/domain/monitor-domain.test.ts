import type { ControlAlert } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { isVisibleTo } from './alert-audience.js';
import { lifecycleFromEvent } from './lifecycle-from-appeal.js';
import { BUCKET_SHARDS, bucketFor, bucketId, bucketStart, byShard, firstOpenBucket } from './schedule-buckets.js';

const alert = (unit: string | undefined, recipients: ControlAlert['recipients']): ControlAlert => ({
  version: 1, type: 'deadline-stage', alertId: '00000000-0000-5000-8000-000000000000', appealId: '00000000-0000-4000-8000-000000000000',
  clockId: 'answer', clockKind: 'answer', policyId: 'written-appeal', stageId: 'half-time', trigger: 'time-used',
  thresholdAt: '2026-12-08T06:00:00.000Z', fireAt: '2026-12-08T06:00:00.000Z', dueAt: '2026-12-23T20:59:59.999Z', raisedAt: '2026-12-08T06:01:00.000Z',
  recipients, ...(unit !== undefined ? { unit } : {}),
});

describe('isVisibleTo', () => {
  it('an executor sees executor stages of their unit, a supervisor all of their units, an administrator all, an operator none', () => {
    expect(isVisibleTo({ staffId: 'e', role: 'executor', units: ['zhkh'] }, alert('zhkh', ['executor']))).toBe(true);
    expect(isVisibleTo({ staffId: 'e', role: 'executor', units: ['zhkh'] }, alert('zhkh', ['supervisor']))).toBe(false);
    expect(isVisibleTo({ staffId: 'e', role: 'executor', units: ['zhkh'] }, alert('roads', ['executor']))).toBe(false);
    expect(isVisibleTo({ staffId: 's', role: 'supervisor', units: ['roads', 'zhkh'] }, alert('zhkh', ['executor']))).toBe(true);
    expect(isVisibleTo({ staffId: 's', role: 'supervisor', units: ['roads'] }, alert(undefined, ['supervisor']))).toBe(false);
    expect(isVisibleTo({ staffId: 'a', role: 'administrator', units: [] }, alert(undefined, ['head']))).toBe(true);
    expect(isVisibleTo({ staffId: 'o', role: 'intake-operator', units: [] }, alert('zhkh', ['executor']))).toBe(false);
  });
});

describe('lifecycleFromEvent', () => {
  it('a triage decision routes the clocks; waiting for triage and a hand-back change nothing', () => {
    const base = { version: 1 as const, eventId: '00000000-0000-4000-8000-000000000001', appealId: '00000000-0000-4000-8000-000000000000', registrationNumber: '00001/2026', occurredAt: '2026-11-23T07:00:00.000Z', channel: 'site' as const, receivedAt: '2026-11-23T07:00:00.000Z' };
    expect(lifecycleFromEvent({ ...base, type: 'appeal.triage-decided', topic: 'housing', unit: 'zhkh', by: 'o-1' })).toMatchObject({ type: 'routed', unit: 'zhkh' });
    expect(lifecycleFromEvent({ ...base, type: 'appeal.triaged', reason: { kind: 'no-rule-matched' } })).toBeUndefined();
    expect(lifecycleFromEvent({ ...base, type: 'appeal.handed-back', by: 'e-1', unit: 'zhkh', reason: 'не наша компетенция' })).toBeUndefined();
  });
});

describe('schedule buckets', () => {
  it('a past stage goes into the current minute, which closes only after the minute and the grace', () => {
    const now = Date.parse('2026-11-23T07:00:30.000Z');
    expect(bucketFor('2026-11-01T00:00:00.000Z', now)).toBe(bucketStart(now));
    expect(bucketFor('2026-11-23T07:05:10.000Z', now)).toBe(Date.parse('2026-11-23T07:05:00.000Z'));
    expect(firstOpenBucket(Date.parse('2026-11-23T07:01:04.000Z'), 5_000)).toBe(Date.parse('2026-11-23T07:00:00.000Z'));
    expect(firstOpenBucket(Date.parse('2026-11-23T07:01:05.000Z'), 5_000)).toBe(Date.parse('2026-11-23T07:01:00.000Z'));
  });
});

describe('bucket shards', () => {
  it('splits a crowded minute over at most BUCKET_SHARDS documents whose ids sort by minute first', () => {
    const entries = Array.from({ length: 10_000 }, (_, index) => ({ alertId: `${index.toString(16).padStart(8, '0').split('').reverse().join('')}-0000-5000-8000-000000000000` }));
    const shards = byShard(entries);
    expect(shards.size).toBe(BUCKET_SHARDS);
    expect([...shards.values()].reduce((sum, lines) => sum + lines.length, 0)).toBe(10_000);
    expect(bucketId(Date.parse('2026-11-23T06:00:00.000Z'), 'w', 63) < bucketId(Date.parse('2026-11-23T06:01:00.000Z'), 'a', 0)).toBe(true);
  });
});
