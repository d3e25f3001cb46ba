import pino from 'pino';
import type { Consumer } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrashRestarter, isBrokerAway } from './crash-restart.js';

const logger = pino({ level: 'silent' });

function named(name: string, cause?: Error): Error {
  return Object.assign(new Error(name, cause ? { cause } : {}), { name });
}

describe('isBrokerAway', () => {
  it('finds the broker being away anywhere in the chain of causes, as kafkajs wraps it', () => {
    expect(isBrokerAway(named('KafkaJSNonRetriableError', named('KafkaJSGroupCoordinatorNotFound')))).toBe(true);
    expect(isBrokerAway(named('KafkaJSLockTimeout'))).toBe(true);
  });

  it('does not take a fenced producer, a bad configuration or what is not an error for it', () => {
    expect(isBrokerAway(named('KafkaJSNonRetriableError', named('KafkaJSProtocolError')))).toBe(false);
    expect(isBrokerAway(named('KafkaJSSASLAuthenticationError'))).toBe(false);
    expect(isBrokerAway('KafkaJSGroupCoordinatorNotFound')).toBe(false);
  });
});

describe('createCrashRestarter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function fakeConsumer(connectFailures: number) {
    const calls: string[] = [];
    let failures = connectFailures;
    const consumer = {
      connect: async () => {
        calls.push('connect');
        if (failures-- > 0) throw new Error('Connection error');
      },
      disconnect: async () => {
        calls.push('disconnect');
      },
    } as unknown as Consumer;
    const run = async () => {
      calls.push('run');
    };
    return { consumer, run, calls };
  }

  it('connects and runs the consumer again after a pause, pausing longer after each failed start', async () => {
    vi.useFakeTimers();
    const { consumer, run, calls } = fakeConsumer(1);
    const restarter = createCrashRestarter({ consumer, run, groupId: 'g', logger, initialDelayMs: 1_000, maxDelayMs: 10_000 });
    restarter.schedule();
    restarter.schedule();
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['connect']);
    // The failed start waits twice as long before the next.
    await vi.advanceTimersByTimeAsync(1_999);
    expect(calls).toEqual(['connect']);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['connect', 'connect', 'run']);
  });

  it('starts nothing once cancelled', async () => {
    vi.useFakeTimers();
    const { consumer, run, calls } = fakeConsumer(0);
    const restarter = createCrashRestarter({ consumer, run, groupId: 'g', logger, initialDelayMs: 1_000 });
    restarter.schedule();
    restarter.cancel();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual([]);
  });

  it('when cancelled while connecting, disconnects the consumer instead of running it', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    let connected!: () => void;
    const consumer = {
      connect: () => {
        calls.push('connect');
        return new Promise<void>((resolve) => (connected = resolve));
      },
      disconnect: async () => {
        calls.push('disconnect');
      },
    } as unknown as Consumer;
    const restarter = createCrashRestarter({ consumer, run: async () => void calls.push('run'), groupId: 'g', logger, initialDelayMs: 1_000 });
    restarter.schedule();
    await vi.advanceTimersByTimeAsync(1_000);
    restarter.cancel();
    connected();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['connect', 'disconnect']);
  });
});
