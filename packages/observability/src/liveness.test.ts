import { describe, expect, it } from 'vitest';
import { createLiveness, reportProgress } from './liveness.js';

describe('liveness', () => {
  function clocked() {
    let clock = 0;
    const liveness = createLiveness({ now: () => clock });
    return { liveness, advance: (ms: number) => (clock += ms) };
  }

  it('a loop with no work in hand is never stuck, however long it waits', () => {
    const { liveness, advance } = clocked();
    liveness.watch('poll platform', { boundMs: 1_000 });
    advance(3_600_000);
    expect(liveness.stuck()).toEqual([]);
  });

  it('work held without progress past the bound makes its loop stuck, naming it and for how long', () => {
    const { liveness, advance } = clocked();
    const loop = liveness.watch('consume appeals.received', { boundMs: 1_000 });
    loop.begin();
    advance(1_000);
    expect(liveness.stuck()).toEqual([]);
    advance(1);
    expect(liveness.stuck()).toEqual([{ loop: 'consume appeals.received', stuckForMs: 1_001, boundMs: 1_000 }]);
  });

  it('progress starts the clock again, and ending the work clears the loop', () => {
    const { liveness, advance } = clocked();
    const work = liveness.watch('relay', { boundMs: 1_000 }).begin();
    advance(900);
    work.progress();
    advance(900);
    expect(liveness.stuck()).toEqual([]);
    advance(200);
    expect(liveness.stuck()).toHaveLength(1);
    work.end();
    expect(liveness.stuck()).toEqual([]);
  });

  it('the oldest of several pieces of work in hand counts; new work does not hide a wedged one', () => {
    const { liveness, advance } = clocked();
    const loop = liveness.watch('consume appeals.events', { boundMs: 1_000 });
    loop.begin();
    advance(800);
    const fresh = loop.begin();
    advance(800);
    fresh.end();
    loop.begin();
    expect(liveness.stuck()).toEqual([{ loop: 'consume appeals.events', stuckForMs: 1_600, boundMs: 1_000 }]);
    expect(liveness.loops()).toEqual([{ loop: 'consume appeals.events', sinceProgressMs: 1_600, boundMs: 1_000 }]);
  });

  it('run ends the work however it settles; a closed loop no longer counts', async () => {
    const { liveness, advance } = clocked();
    const loop = liveness.watch('tick', { boundMs: 1_000 });
    await expect(loop.run(async () => 'done')).resolves.toBe('done');
    await expect(loop.run(async () => Promise.reject(new Error('database away')))).rejects.toThrow('database away');
    advance(5_000);
    expect(liveness.stuck()).toEqual([]);
    loop.begin();
    advance(5_000);
    expect(liveness.stuck()).toHaveLength(1);
    loop.close();
    expect(liveness.stuck()).toEqual([]);
  });

  it('reportProgress, called anywhere inside run, moves that work and no other', async () => {
    const { liveness, advance } = clocked();
    const handler = liveness.watch('consume appeals.events', { boundMs: 1_000 });
    const other = liveness.watch('tick', { boundMs: 1_000 });
    other.begin();
    let release!: () => void;
    const retrying = handler.run(async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        advance(900);
        reportProgress();
      }
      await new Promise<void>((resolve) => (release = resolve));
    });
    await Promise.resolve();
    expect(liveness.stuck()).toEqual([{ loop: 'tick', stuckForMs: 2_700, boundMs: 1_000 }]);
    reportProgress();
    release();
    await retrying;
    expect(liveness.stuck().map(({ loop }) => loop)).toEqual(['tick']);
  });

  it('refuses a bound that is not a positive number of milliseconds', () => {
    expect(() => createLiveness().watch('tick', { boundMs: 0 })).toThrow('the bound of loop tick must be a positive number of milliseconds');
  });
});
