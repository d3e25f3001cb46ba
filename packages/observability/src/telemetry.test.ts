import { describe, expect, it } from 'vitest';
import { commandStatement } from './telemetry.js';

describe('commandStatement', () => {
  it('names the command and its collection, and nothing of the documents', () => {
    const statement = commandStatement({ insert: 'appeals', documents: [{ _id: 'a', author: { name: 'Петрова Анна' } }], ordered: false });
    expect(statement).toBe('{"insert":"appeals"}');
    expect(commandStatement({ ping: 1 })).toBe('{"ping":"?"}');
    expect(commandStatement({})).toBe('{}');
  });
});
