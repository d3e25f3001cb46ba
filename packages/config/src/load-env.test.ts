import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, parseEnv } from './load-env.js';
import { env } from './variables.js';

const Schema = z.object({
  KAFKA_BROKERS: env.kafkaBrokers(),
  MONGO_URL: env.mongoUrl(),
  HTTP_PORT: env.port(8080),
});

describe('parseEnv', () => {
  it('parses and applies defaults', () => {
    const parsed = parseEnv(Schema, { KAFKA_BROKERS: 'a:1, b:2', MONGO_URL: 'mongodb://x:27017' });
    expect(parsed).toEqual({ KAFKA_BROKERS: ['a:1', 'b:2'], MONGO_URL: 'mongodb://x:27017', HTTP_PORT: 8080 });
  });

  it('when a variable is missing, names it', () => {
    expect(() => parseEnv(Schema, { MONGO_URL: 'mongodb://x' })).toThrow(/KAFKA_BROKERS: is required/);
  });

  it('when a variable is malformed, names it and says what is wrong', () => {
    let caught: unknown;
    try {
      parseEnv(Schema, { KAFKA_BROKERS: 'nohost', MONGO_URL: 'postgres://x', HTTP_PORT: 'eighty' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const variables = (caught as ConfigError).problems.map((p) => p.variable).sort();
    expect(variables).toEqual(['HTTP_PORT', 'KAFKA_BROKERS', 'MONGO_URL']);
    // Given but malformed is not "required".
    expect((caught as ConfigError).message).toContain('HTTP_PORT: must be a number, got "eighty"');
    expect((caught as ConfigError).message).not.toContain('is required');
  });
});
