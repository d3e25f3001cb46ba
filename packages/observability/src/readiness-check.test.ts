import { afterEach, describe, expect, it, vi } from 'vitest';
import { readinessCheck } from './readiness-check.js';

/** A check whose every call waits until the test settles it. */
function controlledCheck() {
  const calls: { resolve: (ready: boolean) => void; reject: (error: Error) => void }[] = [];
  const check = () => new Promise<boolean>((resolve, reject) => calls.push({ resolve, reject }));
  return { check, calls };
}

describe('readinessCheck', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives an answer again without asking until it is maxAgeMs old, then asks again', async () => {
    let clock = 1_000;
    let asked = 0;
    const probe = readinessCheck(() => (asked++, true), { timeoutMs: 1_500, maxAgeMs: 1_000, now: () => clock });
    expect(await probe()).toBe(true);
    clock += 999;
    expect(await probe()).toBe(true);
    expect(asked).toBe(1);
    clock += 1;
    expect(await probe()).toBe(true);
    expect(asked).toBe(2);
  });

  it('keeps a failure as long as a success: a rejected check is false and is not asked again at once', async () => {
    let clock = 0;
    let asked = 0;
    const probe = readinessCheck(
      () => {
        asked++;
        throw new Error('connection refused');
      },
      { timeoutMs: 1_500, maxAgeMs: 1_000, now: () => clock },
    );
    expect(await probe()).toBe(false);
    clock += 500;
    expect(await probe()).toBe(false);
    expect(asked).toBe(1);
  });

  it('answers false when the check answers false, and true only for true', async () => {
    const answers: unknown[] = [false, 'yes', true];
    const probe = readinessCheck(() => answers.shift() as boolean, { timeoutMs: 1_500 });
    expect([await probe(), await probe(), await probe()]).toEqual([false, false, true]);
  });

  it('when probes arrive together, asks once and gives each the same answer', async () => {
    const { check, calls } = controlledCheck();
    const probe = readinessCheck(check, { timeoutMs: 1_500 });
    const answers = [probe(), probe(), probe()];
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    calls[0]?.resolve(true);
    expect(await Promise.all(answers)).toEqual([true, true, true]);
    expect(calls).toHaveLength(1);
  });

  it('when the check does not answer within timeoutMs, answers false and abandons it: the next probe starts a new check', async () => {
    vi.useFakeTimers();
    const { check, calls } = controlledCheck();
    const probe = readinessCheck(check, { timeoutMs: 1_500, maxAgeMs: 0 });

    const first = probe();
    await vi.advanceTimersByTimeAsync(1_500);
    expect(await first).toBe(false);

    const second = probe();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve(true);
    expect(await second).toBe(true);

    // The abandoned check's late answer changes nothing.
    calls[0]?.resolve(false);
    const third = probe();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toHaveLength(3);
    calls[2]?.resolve(true);
    expect(await third).toBe(true);
  });

  it('a check that never settles cannot wedge readiness: once the dependency answers again, the next probe is true', async () => {
    vi.useFakeTimers();
    let dependencyBack = false;
    let asked = 0;
    const probe = readinessCheck(
      () => {
        asked++;
        // While the dependency is frozen every check hangs for ever; once it is back a new check answers.
        return dependencyBack ? true : new Promise<boolean>(() => {});
      },
      { timeoutMs: 1_500, maxAgeMs: 1_000 },
    );
    for (let probes = 0; probes < 5; probes++) {
      const answer = probe();
      await vi.advanceTimersByTimeAsync(1_500);
      expect(await answer).toBe(false);
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(asked).toBe(5);
    dependencyBack = true;
    const answer = probe();
    await vi.advanceTimersByTimeAsync(0);
    expect(await answer).toBe(true);
  });

  it('lastKnown gives the latest answer without waiting, and asks again once that answer is stale', async () => {
    let clock = 0;
    let up = false;
    let asked = 0;
    const probe = readinessCheck(() => (asked++, up), { timeoutMs: 1_500, maxAgeMs: 1_000, now: () => clock });
    // Nothing known before the first answer; asking starts a check.
    expect(probe.lastKnown()).toBeUndefined();
    await vi.waitFor(() => expect(probe.lastKnown()).toBe(false));
    expect(asked).toBe(1);
    up = true;
    clock += 500;
    expect(probe.lastKnown()).toBe(false);
    expect(asked).toBe(1);
    clock += 600;
    // Stale: the old answer is given at once and a new check runs behind it.
    expect(probe.lastKnown()).toBe(false);
    await vi.waitFor(() => expect(probe.lastKnown()).toBe(true));
    expect(asked).toBe(2);
  });
});
