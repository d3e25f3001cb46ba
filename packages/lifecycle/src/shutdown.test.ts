import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createShutdown, type ShutdownStep } from './shutdown.js';

describe('createShutdown', () => {
  it('runs steps in the order added, once, even when called twice', async () => {
    const order: string[] = [];
    const shutdown = createShutdown({ logger: pino({ level: 'silent' }) });
    shutdown.add({ name: 'stop intake', run: () => void order.push('stop intake') });
    shutdown.add({ name: 'close db', run: async () => void order.push('close db') });
    await Promise.all([shutdown.run('test'), shutdown.run('again')]);
    expect(order).toEqual(['stop intake', 'close db']);
  });

  it('when a step fails, still runs the steps after it', async () => {
    const order: string[] = [];
    const shutdown = createShutdown({ logger: pino({ level: 'silent' }) });
    shutdown.add({ name: 'broken', run: () => Promise.reject(new Error('boom')) });
    shutdown.add({ name: 'close db', run: () => void order.push('close db') });
    await shutdown.run('test');
    expect(order).toEqual(['close db']);
  });
});

describe('createShutdown on SIGTERM', () => {
  /** A shutdown trapping signals from an emitter of the test's own; resolves with the exit code. */
  function trapped(timeoutMs: number, steps: ShutdownStep[]) {
    const signals = new EventEmitter();
    let exited!: (code: number) => void;
    const code = new Promise<number>((resolve) => (exited = resolve));
    const shutdown = createShutdown({ logger: pino({ level: 'silent' }), timeoutMs, exit: exited, signals });
    for (const step of steps) shutdown.add(step);
    shutdown.trapSignals();
    signals.emit('SIGTERM', 'SIGTERM');
    return code;
  }

  it('runs every step and exits 0', async () => {
    const order: string[] = [];
    const code = await trapped(60_000, [
      { name: 'stop taking requests', run: () => void order.push('requests') },
      { name: 'commit', run: async () => void order.push('commit') },
    ]);
    expect({ code, order }).toEqual({ code: 0, order: ['requests', 'commit'] });
  });

  it('exits 1 when a step failed, so an orchestrator sees the shutdown was not clean', async () => {
    expect(await trapped(60_000, [{ name: 'commit', run: () => Promise.reject(new Error('broker gone')) }])).toBe(1);
  });

  it('exits 1 at the deadline when a step never finishes', async () => {
    expect(await trapped(50, [{ name: 'hangs', run: () => new Promise<void>(() => {}) }])).toBe(1);
  });
});
