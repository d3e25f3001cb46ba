import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createShutdown } from './shutdown.js';

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
