import { describe, expect, it } from 'vitest';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  it('returns the first truthy value the probe gives', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), { intervalMs: 1 });
    expect(value).toBe('after 3');
  });

  it('when the condition never holds, fails naming it and the last error', async () => {
    await expect(
      waitFor(() => Promise.reject(new Error('not yet')), { timeoutMs: 20, intervalMs: 5, description: 'the task' }),
    ).rejects.toThrow(/waiting for the task \(last error: not yet\)/);
  });
});
