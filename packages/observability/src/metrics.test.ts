import { describe, expect, it } from 'vitest';
import { cachedValue, collectedGauge, counter, gauge, histogram, renderMetrics } from './metrics.js';

describe('metrics', () => {
  it('renders counters, gauges and histograms with their labels, and the process metrics', async () => {
    counter('priemnaya_test_things_total', 'things', ['kind']).inc({ kind: 'a' }, 2);
    gauge('priemnaya_test_level', 'level', ['place']).set({ place: 'x' }, 7);
    histogram('priemnaya_test_seconds', 'seconds', ['step'], [0.1, 1]).observe({ step: 'one' }, 0.5);
    const text = await renderMetrics();
    expect(text).toContain('priemnaya_test_things_total{kind="a"} 2');
    expect(text).toContain('priemnaya_test_level{place="x"} 7');
    expect(text).toContain('priemnaya_test_seconds_bucket{le="1",step="one"} 1');
    expect(text).toContain('priemnaya_process_cpu_seconds_total');
  });

  it('gives a second definition of the same name the first one, so two apps in a process count together', async () => {
    counter('priemnaya_test_shared_total', 'shared', ['route']).inc({ route: '/r' });
    counter('priemnaya_test_shared_total', 'shared', ['route']).inc({ route: '/r' });
    expect(await renderMetrics()).toContain('priemnaya_test_shared_total{route="/r"} 2');
  });

  it('refuses a name without the fleet prefix', () => {
    expect(() => counter('things_total', 'things')).toThrow(/must start with priemnaya_/);
  });

  it('computes a collected gauge on each render, from the latest source, and drops it once detached', async () => {
    let open = 3;
    collectedGauge('priemnaya_test_open', 'open', ['unit'], async () => [{ labels: { unit: 'u1' }, value: open }]);
    expect(await renderMetrics()).toContain('priemnaya_test_open{unit="u1"} 3');
    open = 4;
    const detach = collectedGauge('priemnaya_test_open', 'open', ['unit'], async () => [{ labels: { unit: 'u2' }, value: open }]);
    const text = await renderMetrics();
    expect(text).toContain('priemnaya_test_open{unit="u2"} 4');
    expect(text).not.toContain('priemnaya_test_open{unit="u1"}');
    detach();
    expect(await renderMetrics()).not.toContain('priemnaya_test_open{unit=');
  });

  it('keeps the last values of a collected gauge whose source fails', async () => {
    let fail = false;
    collectedGauge('priemnaya_test_flaky', 'flaky', [], async () => {
      if (fail) throw new Error('database down');
      return [{ labels: {}, value: 5 }];
    });
    expect(await renderMetrics()).toContain('priemnaya_test_flaky 5');
    fail = true;
    expect(await renderMetrics()).toContain('priemnaya_test_flaky 5');
  });

  it('computes a cached value at most once per period, sharing one computation between concurrent callers', async () => {
    let now = 0;
    let computed = 0;
    const value = cachedValue(async () => ++computed, 30_000, () => now);
    expect(await Promise.all([value(), value()])).toEqual([1, 1]);
    now = 29_999;
    expect(await value()).toBe(1);
    now = 30_000;
    expect(await value()).toBe(2);
    expect(computed).toBe(2);
  });
});
