import type { OutgoingMessage } from '@priemnaya/contracts';
import { textSignature } from '@priemnaya/prescreen';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSubmitAppeal, RegistrationTimedOut, type AppealIntake, type StoredAppeal, type SubmitAppealPorts } from './submit-appeal.js';

/** A step the test holds until it lets it go. */
function held<T>() {
  let release!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (release = resolve));
  return { promise, release };
}

const INTAKE: AppealIntake = {
  channel: 'site',
  kind: 'appeal',
  idempotencyKey: 'key-1',
  author: { name: 'Заявитель Проверки', email: 'check@example.org' },
  text: 'Во дворе не вывозят мусор',
  attachments: [],
  raw: { format: 'json', body: {} },
};

/** In-memory ports; `numbers` and `mark` let a test hold the database's steps. */
function ports(overrides: { numbers?: Promise<void>; mark?: Promise<void> } = {}) {
  const stored = new Map<string, StoredAppeal>();
  const published: OutgoingMessage[] = [];
  const unrecorded: string[] = [];
  const keys = new Map<string, { appealId: string; fingerprint: string }>();
  let ids = 0;
  const value: SubmitAppealPorts = {
    intakeKeys: { claim: async (key, appealId, fingerprint) => keys.get(key) ?? (keys.set(key, { appealId, fingerprint }), { appealId, fingerprint }) },
    appeals: {
      find: async (appealId) => stored.get(appealId),
      insertIfAbsent: async (appeal) => stored.get(appeal.appeal.appealId) ?? (stored.set(appeal.appeal.appealId, appeal), appeal),
      markAcknowledged: async (appealId, at) => {
        await overrides.mark;
        const appeal = stored.get(appealId);
        if (appeal) appeal.acknowledgedAt = at;
      },
    },
    registrationNumbers: {
      next: async (year) => {
        await overrides.numbers;
        return `00001/${year}`;
      },
    },
    screen: async () => ({ findings: [], index: { personKeys: [], signature: textSignature('') }, similarAppealIds: [] }),
    recordPerson: async () => undefined,
    publisher: { publish: async (messages) => void published.push(...messages) },
    deadlineMs: 1_000,
    onUnrecordedAcknowledgement: (appealId) => unrecorded.push(appealId),
    clock: () => new Date('2026-12-07T10:00:00Z'),
    newId: () => `appeal-${++ids}`,
    timeZone: 'Europe/Moscow',
  };
  return { value, stored, published, unrecorded };
}

describe('submitAppeal with a deadline', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('answers RegistrationTimedOut (retriable) when the database holds a step past the deadline, and never publishes behind the caller', async () => {
    vi.useFakeTimers();
    const numbers = held<void>();
    const { value, published, stored } = ports({ numbers: numbers.promise });
    const answer = createSubmitAppeal(value)(INTAKE);
    const failed = expect(answer).rejects.toBeInstanceOf(RegistrationTimedOut);
    await vi.advanceTimersByTimeAsync(1_000);
    await failed;
    const error: unknown = await answer.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    if (!(error instanceof RegistrationTimedOut)) throw new Error('expected RegistrationTimedOut');
    expect(error.retriable).toBe(true);
    expect(error.message).toContain('Idempotency-Key');

    // The database answers after the caller was told to retry: the appeal is stored, not sent.
    numbers.release();
    await vi.advanceTimersByTimeAsync(10);
    expect(stored.get('appeal-1')?.acknowledgedAt).toBeUndefined();
    expect(published).toEqual([]);

    // The retry with the same key finds it and sends it, once.
    const again = await createSubmitAppeal(value)(INTAKE);
    expect(again).toMatchObject({ appealId: 'appeal-1', registrationNumber: '00001/2026', replayed: true });
    expect(published.map(({ payload }) => payload.appealId)).toEqual(['appeal-1']);
  });

  it('once Kafka has the appeal, a database that does not record the acknowledgement in time leaves the registration standing', async () => {
    vi.useFakeTimers();
    const mark = held<void>();
    const { value, published, unrecorded } = ports({ mark: mark.promise });
    const answer = createSubmitAppeal(value)(INTAKE);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(answer).resolves.toMatchObject({ appealId: 'appeal-1', replayed: false });
    expect(published).toHaveLength(1);
    expect(unrecorded).toEqual(['appeal-1']);
    mark.release();
  });

  it('passes what is left of the deadline to the publisher', async () => {
    const { value } = ports();
    const withins: (number | undefined)[] = [];
    value.publisher = { publish: async (_messages, options) => void withins.push(options?.withinMs) };
    await createSubmitAppeal(value)(INTAKE);
    expect(withins).toHaveLength(1);
    expect(withins[0]).toBeGreaterThan(0);
    expect(withins[0]).toBeLessThanOrEqual(1_000);
  });
});
