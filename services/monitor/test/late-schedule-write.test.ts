import type { ControlAlert } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { createTeardown, testLogger, uniqueName } from '@priemnaya/testing';
import { describe, expect, it } from 'vitest';
import { createAppealClockStore } from '../src/data-access/appeal-clock-store.js';
import { createRulesStore } from '../src/data-access/rules-store.js';
import { createScheduleStore, type ScheduleStore } from '../src/data-access/schedule-store.js';
import { createManualClock } from '../src/domain/clock.js';
import { lifecycleFromReceived } from '../src/domain/lifecycle-from-appeal.js';
import { createDeadlineRules, rulesFrom } from '../src/use-cases/deadline-rules.js';
import { createFireDueStages } from '../src/use-cases/fire-due-stages.js';
import { createRecordLifecycleEvent } from '../src/use-cases/record-lifecycle-event.js';
import { createSerializer } from '../src/use-cases/serialize.js';
import { aReceivedAppeal, infra, minutesAfter } from './support/monitor-harness.js';

const GRACE_MS = 5_000;
const RECEIVED_AT = '2026-09-01T07:00:00.000Z';
// Long after every stage of the appeals, half a minute into a minute: their lines go into this minute.
const NOW = '2026-11-23T10:00:30.000Z';

describe('the timing wheel when a write lands late', () => {
  it('fires the stages of a write that landed after its minute closed, between a tick reading that minute and deleting it', async ({ onTestFinished }) => {
    const teardown = createTeardown();
    onTestFinished(() => teardown.run());
    const database = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('monitor-late')), async (it) => {
      await it.db.dropDatabase();
      await it.close();
    });
    const clock = createManualClock(NOW);
    const wheel = createScheduleStore(database.db, 'writer');
    const onTime = aReceivedAppeal(RECEIVED_AT);
    const late = aReceivedAppeal(RECEIVED_AT);

    // The late appeal's first write is held, as a database that is away holds it, until the tick
    // has read the closed minute (with the other appeal's lines in it) and is raising its alerts.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let landed!: () => void;
    const lateWriteLanded = new Promise<void>((resolve) => (landed = resolve));
    let reached!: () => void;
    const lateWriteSent = new Promise<void>((resolve) => (reached = resolve));
    let holding = true;
    const schedule: ScheduleStore = {
      ...wheel,
      async add(bucketMs, entries) {
        const delayed = holding && entries.some((entry) => entry.appealId === late.appealId);
        if (delayed) {
          holding = false;
          reached();
          await held;
        }
        await wheel.add(bucketMs, entries);
        if (delayed) landed();
      },
    };
    const rules = createDeadlineRules(rulesFrom(await createRulesStore(database.db).load(), 'Europe/Moscow'));
    const record = createRecordLifecycleEvent({ clocks: createAppealClockStore(database.db), schedule, rules, clock, graceMs: GRACE_MS, serialize: createSerializer() });

    const raised: ControlAlert[] = [];
    const ticks = createFireDueStages({
      schedule: wheel,
      clock,
      graceMs: GRACE_MS,
      logger: testLogger(),
      raise: async (alerts) => {
        raised.push(...alerts);
        release();
        await lateWriteLanded;
        return { fired: alerts.length, pending: 0 };
      },
    });

    await record(lifecycleFromReceived(onTime), onTime.registrationNumber);
    const recordingLate = record(lifecycleFromReceived(late), late.registrationNumber);
    await lateWriteSent;
    // The minute closes while the late appeal's write is in flight.
    clock.set(new Date(Date.parse(minutesAfter(NOW, 1)) + GRACE_MS).toISOString());
    expect((await ticks.tick()).fired).toBeGreaterThan(0);
    await recordingLate;
    await ticks.settled();
    expect(new Set(raised.map((alert) => alert.appealId))).toEqual(new Set([onTime.appealId]));

    clock.set(minutesAfter(NOW, 3));
    await ticks.tick();
    await ticks.settled();
    const raisedFor = new Set(raised.map((alert) => alert.appealId));
    expect(raisedFor).toEqual(new Set([onTime.appealId, late.appealId]));
    // Each of the late appeal's stages is raised as often as the on-time appeal's.
    const count = (appealId: string) => raised.filter((alert) => alert.appealId === appealId).length;
    expect(count(late.appealId)).toBe(count(onTime.appealId));
    expect(await wheel.countEntries()).toBe(0);
  });
});
