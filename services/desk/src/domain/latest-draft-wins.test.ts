import { describe, expect, it, vi } from 'vitest';
import { createLatestDraftWins, type Draft } from './latest-draft-wins.js';

/** An answer function whose calls the test finishes by hand, so every interleaving is explicit. */
function manualAnswers() {
  const calls: { draft: Draft; signal: AbortSignal; resolve: (value: string) => void }[] = [];
  const answer = (draft: Draft, signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error('aborted')));
      calls.push({ draft, signal, resolve });
    });
  return { calls, answer };
}

function setUp() {
  const { calls, answer } = manualAnswers();
  const delivered: [number, string][] = [];
  const failures: unknown[] = [];
  const drafts = createLatestDraftWins({
    answer,
    deliver: (draft, result) => delivered.push([draft.seq, result]),
    fail: (error) => failures.push(error),
  });
  return { calls, delivered, failures, drafts };
}

describe('createLatestDraftWins', () => {
  it('answers successive drafts in turn', async () => {
    const { calls, delivered, drafts } = setUp();
    drafts.offer({ seq: 1, text: 'а' });
    calls[0]?.resolve('first');
    await drafts.drained();
    drafts.offer({ seq: 2, text: 'аб' });
    calls[1]?.resolve('second');
    await drafts.drained();
    expect(delivered).toEqual([[1, 'first'], [2, 'second']]);
    expect(drafts.stats).toEqual({ offered: 2, answered: 2, dropped: 0 });
  });

  it('when a newer draft arrives while one is answered, aborts it and answers only the newest of those waiting', async () => {
    const { calls, delivered, drafts } = setUp();
    drafts.offer({ seq: 1, text: 'а' });
    drafts.offer({ seq: 2, text: 'аб' });
    drafts.offer({ seq: 3, text: 'абв' });
    expect(calls[0]?.signal.aborted).toBe(true);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect(calls.map((call) => call.draft.seq)).toEqual([1, 3]);
    calls[1]?.resolve('newest');
    await drafts.drained();
    expect(delivered).toEqual([[3, 'newest']]);
    expect(drafts.stats).toEqual({ offered: 3, answered: 1, dropped: 2 });
  });

  it('when an answer resolves after a newer draft arrived, drops it', async () => {
    const delivered: [number, string][] = [];
    let finish: (value: string) => void = () => undefined;
    const stale = createLatestDraftWins<string>({
      // Ignores the abort, as a call that already returned would.
      answer: (draft) => (draft.seq === 1 ? new Promise((resolve) => (finish = resolve)) : Promise.resolve('fresh')),
      deliver: (draft, result) => delivered.push([draft.seq, result]),
      fail: () => undefined,
    });
    stale.offer({ seq: 1, text: 'а' });
    stale.offer({ seq: 2, text: 'аб' });
    finish('stale');
    await stale.drained();
    expect(delivered).toEqual([[2, 'fresh']]);
    expect(stale.stats).toEqual({ offered: 2, answered: 1, dropped: 1 });
  });

  it('when an answer fails without being aborted, reports the failure and takes no more drafts', async () => {
    const failures: unknown[] = [];
    const drafts = createLatestDraftWins({ answer: () => Promise.reject(new Error('bug')), deliver: () => undefined, fail: (error) => failures.push(error) });
    drafts.offer({ seq: 1, text: 'а' });
    await drafts.drained();
    drafts.offer({ seq: 2, text: 'аб' });
    await drafts.drained();
    expect(failures).toHaveLength(1);
    expect(drafts.stats.offered).toBe(1);
  });

  it('when cancelled, aborts the answer in flight and delivers nothing more', async () => {
    const { calls, delivered, drafts } = setUp();
    drafts.offer({ seq: 1, text: 'а' });
    drafts.cancel();
    await drafts.drained();
    expect(calls[0]?.signal.aborted).toBe(true);
    expect(delivered).toEqual([]);
  });
});
