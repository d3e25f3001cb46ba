import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { derivedId } from './derived-id.js';

describe('derivedId', () => {
  it('gives the same valid UUID for the same name and another for another name', () => {
    expect(derivedId('rerouted:a')).toBe(derivedId('rerouted:a'));
    expect(derivedId('rerouted:a')).not.toBe(derivedId('rerouted:b'));
    expect(z.uuid().safeParse(derivedId('rerouted:a')).success).toBe(true);
  });
});
