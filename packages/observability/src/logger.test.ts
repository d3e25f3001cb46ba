import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('censors personal fields even when code logs them by mistake', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'test', destination });
    logger.info(
      { appealId: 'a1', author: { name: 'Иванов Иван', email: 'ivanov@example.org' }, appeal: { text: 'Яма у дома 5' } },
      'appeal accepted',
    );
    const line = lines.join('');
    expect(line).toContain('"appealId":"a1"');
    expect(line).toContain('"service":"test"');
    expect(line).not.toContain('Иванов');
    expect(line).not.toContain('ivanov@example.org');
    expect(line).not.toContain('Яма');
  });

  it('censors the identity document of a reception card (59-ФЗ ст. 13 ч. 2) at any depth', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'test', destination });
    logger.info({ card: { identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 561278' } }, request: { seriesNumber: '3804561278' } }, 'card checked');
    const line = lines.join('');
    expect(line).not.toContain('561278');
    expect(line).toContain('"card":{"identityDocument":"[redacted]"}');
  });

  it('logs an unknown error without its message, which may quote data, but with its type and frames', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'test', destination });
    const duplicate = Object.assign(new Error('E11000 duplicate key: { email: "ivanov@example.org" }'), { name: 'MongoServerError', code: 11000 });
    logger.error({ err: duplicate }, 'write failed');
    logger.error({ err: Object.assign(new Error('Connection refused'), { name: 'KafkaJSConnectionError', retriable: true }) }, 'broker down');
    const [first, second] = lines;
    expect(first).not.toContain('ivanov@example.org');
    expect(first).toContain('"type":"MongoServerError"');
    expect(first).toContain('"code":11000');
    expect(second).toContain('Connection refused');
  });

  it('censors personal fields at any depth and in arrays, and keeps the rest', () => {
    const { lines, destination } = capture();
    const logger = createLogger({ service: 'test', destination });
    logger.warn({ outer: { inner: { deeper: { text: 'Текст обращения', phone: '+79001234567' }, count: 3 } }, list: [{ email: 'a@b.ru' }] }, 'nested');
    const line = lines.join('');
    expect(line).not.toContain('Текст обращения');
    expect(line).not.toContain('+79001234567');
    expect(line).not.toContain('a@b.ru');
    expect(line).toContain('"count":3');
  });
});
