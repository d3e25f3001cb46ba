import { describe, expect, it } from 'vitest';
import { isOpen } from './appeal-status.js';

describe('isOpen', () => {
  it('is open while received, in triage or routed, and for a status it does not know', () => {
    for (const status of ['received', 'triage', 'routed', 'accepted']) expect(isOpen(status)).toBe(true);
  });

  it('is open when the registry has no status yet', () => {
    expect(isOpen(undefined)).toBe(true);
  });

  it('is not open once answered, closed or forwarded', () => {
    for (const status of ['answered', 'closed', 'forwarded']) expect(isOpen(status)).toBe(false);
  });
});
