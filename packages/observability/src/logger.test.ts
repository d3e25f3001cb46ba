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
});
