import { describe, expect, it } from 'vitest';
import { AppError, isRetriable, UnavailableError, ValidationError } from './app-error.js';

describe('isRetriable', () => {
  it('follows the policy an error carries', () => {
    expect(isRetriable(new UnavailableError('broker down'))).toBe(true);
    expect(isRetriable(new ValidationError('bad', 'text'))).toBe(false);
    expect(isRetriable(new AppError('X', 'x', { retriable: true }))).toBe(true);
  });

  it('when kafkajs ran out of retries, judges by the error of the last attempt', () => {
    const connection = { name: 'KafkaJSConnectionError', retriable: true };
    const exhausted = { name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, cause: connection };
    expect(isRetriable(exhausted)).toBe(true);
    expect(isRetriable({ name: 'KafkaJSNonRetriableError', retriable: false, cause: exhausted })).toBe(true);
    expect(isRetriable({ name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, cause: { name: 'KafkaJSProtocolError', retriable: false } })).toBe(false);
  });

  it('trusts the retriable flag of driver errors and treats unknown errors as fatal', () => {
    expect(isRetriable({ name: 'KafkaJSConnectionError', retriable: true })).toBe(true);
    expect(isRetriable({ name: 'MongoNetworkError' })).toBe(true);
    expect(isRetriable({ name: 'MongoNetworkTimeoutError' })).toBe(true);
    expect(isRetriable({ name: 'PoolClearedOnNetworkError' })).toBe(true);
    expect(isRetriable({ name: 'MongoWaitQueueTimeoutError' })).toBe(true);
    const labelled = { name: 'MongoServerError', hasErrorLabel: (label: string) => label === 'RetryableWriteError' };
    expect(isRetriable(labelled)).toBe(true);
    expect(isRetriable({ name: 'MongoServerError', code: 11000, hasErrorLabel: () => false })).toBe(false);
    expect(isRetriable(new Error('surprise'))).toBe(false);
  });

  it('counts kafkajs\'s plain "Broker not connected", alone or as the last attempt, as retriable', () => {
    expect(isRetriable(new Error('Broker not connected'))).toBe(true);
    expect(isRetriable({ name: 'KafkaJSNumberOfRetriesExceeded', retriable: false, cause: new Error('Broker not connected') })).toBe(true);
    expect(isRetriable(new TypeError('Broker not connected'))).toBe(false);
  });

  it('counts a socket\'s own failure that a driver let through unwrapped (EPIPE, ECONNRESET) as retriable', () => {
    expect(isRetriable(Object.assign(new Error('write EPIPE'), { code: 'EPIPE', syscall: 'write' }))).toBe(true);
    expect(isRetriable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetriable(Object.assign(new Error('no such file'), { code: 'ENOENT' }))).toBe(false);
  });
});
