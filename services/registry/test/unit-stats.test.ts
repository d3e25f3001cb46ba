import type { StaffPrincipal } from '@priemnaya/auth';
import { addCalendarDays } from '@priemnaya/deadlines';
import { describe, it } from 'vitest';
import { anAppealStory } from './support/appeal-story.js';
import { startRegistryScenario, tokenFor, type ErrorBody, type RunningRegistry } from './support/registry-harness.js';
import { publishStories } from './support/staff-views.js';

interface DayView {
  date: string;
  received: number;
  answered: number;
  answeredOnTime: number;
  open: number;
  overdue: number;
}
interface StatsView {
  units: { unit: string; days: DayView[] }[];
}

// Monday 2026-11-23, 12:00 in Moscow: the chart's last day.
const NOW = new Date('2026-11-23T09:00:00.000Z');
const FIRST_DAY = '2026-10-25';
const DATES = Array.from({ length: 30 }, (_, index) => addCalendarDays(FIRST_DAY, index));

const PEOPLE = {
  supervisorOfZhkh: { staffId: 'sup-zhkh', role: 'supervisor', units: ['zhkh', 'blagoustroystvo'] },
  executorOfZhkh: { staffId: 'ex-zhkh', role: 'executor', units: ['zhkh'] },
  intakeOperator: { staffId: 'op-1', role: 'intake-operator', units: [] },
  administrator: { staffId: 'admin-1', role: 'administrator', units: [] },
} satisfies Record<string, StaffPrincipal>;

type Counts = Omit<DayView, 'date'>;

/** A unit's expected chart: zero everywhere but the counts given, and the open and overdue day ranges (inclusive). */
function chart(counts: Record<string, Partial<Counts>>, ranges: { field: 'open' | 'overdue'; from: string; to: string }[] = []): DayView[] {
  return DATES.map((date) => {
    const day: DayView = { date, received: 0, answered: 0, answeredOnTime: 0, open: 0, overdue: 0, ...counts[date] };
    for (const { field, from, to } of ranges) if (date >= from && date <= to) day[field] += 1;
    return day;
  });
}

async function statsOf(registry: RunningRegistry, query: string, principal: StaffPrincipal = PEOPLE.administrator): Promise<StatsView> {
  const response = await registry.staffGet(`/v1/staff/units/stats${query}`, await tokenFor(principal));
  if (response.statusCode !== 200) throw new Error(`stats ${query}: ${response.statusCode} ${response.body}`);
  return response.json<StatsView>();
}

/**
 * Four appeals through the real registry (times in Moscow):
 * - A: decided to dorogi and handed back, routed to zhkh on 11-02 with blagoustroystvo as
 *   co-executor (its part answered on 11-08), forwarded on 11-10, answered on 11-22 within its
 *   extended deadline, closed on 11-23;
 * - B: routed to zhkh (after dorogi's hand-back) on 11-03, still in work, due 12-03;
 * - C: routed to zhkh on 10-10, still in work, due 11-09: overdue from 11-10;
 * - D: routed to dorogi on 11-05 with a co-executor, still in work.
 */
function theStories() {
  return [
    anAppealStory({ receivedAt: '2026-11-02T07:00:00.000Z', leadUnit: 'zhkh', coUnit: 'blagoustroystvo', firstUnit: 'dorogi' }),
    anAppealStory({ receivedAt: '2026-11-03T07:00:00.000Z', leadUnit: 'zhkh', firstUnit: 'dorogi', steps: 6 }),
    anAppealStory({ receivedAt: '2026-10-10T07:00:00.000Z', leadUnit: 'zhkh', firstUnit: 'dorogi', steps: 6 }),
    anAppealStory({ receivedAt: '2026-11-05T07:00:00.000Z', leadUnit: 'dorogi', coUnit: 'kultura', firstUnit: 'transport', steps: 11 }),
  ] as const;
}

const EXPECTED: StatsView = {
  units: [
    {
      unit: 'zhkh',
      days: chart(
        { '2026-11-02': { received: 1 }, '2026-11-03': { received: 1 }, '2026-11-22': { answered: 1, answeredOnTime: 1 } },
        [
          { field: 'open', from: FIRST_DAY, to: '2026-11-23' }, // C
          { field: 'open', from: '2026-11-02', to: '2026-11-09' }, // A until forwarded
          { field: 'open', from: '2026-11-03', to: '2026-11-23' }, // B
          { field: 'overdue', from: '2026-11-10', to: '2026-11-23' }, // C
        ],
      ),
    },
    {
      unit: 'blagoustroystvo',
      days: chart({ '2026-11-02': { received: 1 }, '2026-11-08': { answered: 1, answeredOnTime: 1 } }, [{ field: 'open', from: '2026-11-02', to: '2026-11-07' }]),
    },
    {
      // A and B were handed back within the hour they came: received, never open at a day's end.
      unit: 'dorogi',
      days: chart({ '2026-11-02': { received: 1 }, '2026-11-03': { received: 1 }, '2026-11-05': { received: 1 } }, [{ field: 'open', from: '2026-11-05', to: '2026-11-23' }]),
    },
  ],
};

describe('GET /v1/staff/units/stats', () => {
  it('counts each unit day by day in the city, and neither a duplicated event nor a replay counts twice', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished, { now: () => NOW });
    const stories = theStories();
    await publishStories(scenario.publisher, [...stories]);
    await scenario.caughtUp();
    const query = '?units=zhkh,blagoustroystvo,dorogi&days=30';

    expect(await statsOf(scenario.registry, query)).toEqual(EXPECTED);

    // The same events again, as a producer retrying after a lost acknowledgement would send them.
    const [a, b] = stories;
    await publishStories(scenario.publisher, [
      { received: a.received, events: a.events.filter(({ type }) => type === 'appeal.answered' || type === 'appeal.routed' || type === 'appeal.co-executor-answered') },
      { received: b.received, events: b.events },
    ]);
    await scenario.caughtUp();
    expect(await statsOf(scenario.registry, query)).toEqual(EXPECTED);

    // A new consumer group replays both topics from the beginning into the same database.
    const replaying = await scenario.buildRegistry({ databaseName: scenario.registry.databaseName });
    await replaying.service.start();
    // Folding every fact again may outlast one 30-second wait when the shared machine is loaded.
    await scenario.caughtUp(replaying).catch(() => scenario.caughtUp(replaying));
    expect(await statsOf(replaying, query)).toEqual(EXPECTED);
    expect(await statsOf(scenario.registry, query)).toEqual(EXPECTED);
  });

  it('serves every chart from one read for its maximum age, then reads again', async ({ expect, onTestFinished }) => {
    let now = NOW;
    const scenario = await startRegistryScenario(onTestFinished, { now: () => now, unitStatsMaxAgeMs: 60_000 });
    await publishStories(scenario.publisher, [...theStories()]);
    await scenario.caughtUp();
    const zhkh = EXPECTED.units[0];
    expect(await statsOf(scenario.registry, '?units=zhkh')).toEqual({ units: [zhkh] });

    // Routed to zhkh today at 10:01 in Moscow.
    await publishStories(scenario.publisher, [anAppealStory({ receivedAt: '2026-11-23T06:00:00.000Z', leadUnit: 'zhkh', steps: 4 })]);
    await scenario.caughtUp();
    now = new Date(NOW.getTime() + 59_999);
    expect(await statsOf(scenario.registry, '?units=zhkh')).toEqual({ units: [zhkh] });

    now = new Date(NOW.getTime() + 60_000);
    const today = (await statsOf(scenario.registry, '?units=zhkh')).units[0]?.days.at(-1);
    expect(today).toEqual({ ...zhkh?.days.at(-1), received: 1, open: 3 });
  });

  it('gives each role what it may see, and refuses bad parameters naming the field', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished, { now: () => NOW });
    await publishStories(scenario.publisher, [...theStories()]);
    await scenario.caughtUp();
    const call = async (query: string, principal: StaffPrincipal | undefined) => {
      const response = await scenario.registry.staffGet(`/v1/staff/units/stats${query}`, principal !== undefined ? await tokenFor(principal) : undefined);
      return { status: response.statusCode, body: response.json<StatsView & ErrorBody>() };
    };

    // A supervisor who names no units gets every unit they cover, in their order; 30 days by default.
    const own = await call('', PEOPLE.supervisorOfZhkh);
    expect(own.status).toBe(200);
    expect(own.body.units.map(({ unit, days }) => [unit, days.length, days[0]?.date, days.at(-1)?.date])).toEqual([
      ['zhkh', 30, FIRST_DAY, '2026-11-23'],
      ['blagoustroystvo', 30, FIRST_DAY, '2026-11-23'],
    ]);
    expect(own.body).toEqual({ units: EXPECTED.units.slice(0, 2) });

    const week = await call('?units=zhkh&days=7', PEOPLE.supervisorOfZhkh);
    expect(week.body).toEqual({ units: [{ unit: 'zhkh', days: EXPECTED.units[0]?.days.slice(-7) }] });

    const foreign = await call('?units=zhkh,dorogi', PEOPLE.supervisorOfZhkh);
    expect(foreign).toMatchObject({ status: 403, body: { code: 'forbidden', message: 'unit: dorogi is not one of your units' } });

    expect(await call('?units=zhkh', PEOPLE.executorOfZhkh)).toMatchObject({ status: 403, body: { code: 'forbidden', message: 'role: executor may not read the units\' statistics' } });
    expect(await call('?units=zhkh', PEOPLE.intakeOperator)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await call('?units=zhkh', undefined)).toMatchObject({ status: 401 });

    const administrator = await call('?units=dorogi,zhkh&days=90', PEOPLE.administrator);
    expect(administrator.status).toBe(200);
    expect(administrator.body.units.map(({ unit, days }) => [unit, days.length, days.at(-1)?.date])).toEqual([['dorogi', 90, '2026-11-23'], ['zhkh', 90, '2026-11-23']]);
    expect(administrator.body.units[1]?.days.slice(-30)).toEqual(EXPECTED.units[0]?.days);

    expect(await call('', PEOPLE.administrator)).toMatchObject({ status: 400, body: { message: 'units: an administrator names the units' } });
    for (const [query, field] of [
      ['?units=zhkh&days=0', 'days'],
      ['?units=zhkh&days=91', 'days'],
      ['?units=zhkh&days=week', 'days'],
      ['?units=zhkh&days=1.5', 'days'],
      ['?units=zhkh,ZHKH!', 'units.1'],
      ['?units=', 'units'],
      ['?units=zhkh&unit=zhkh', 'unit'],
      ['', 'units'],
    ] as const) {
      const refused = await call(query, PEOPLE.administrator);
      expect({ query, status: refused.status, fields: refused.body.fields?.map((fault) => fault.field) }).toEqual({ query, status: 400, fields: [field] });
    }
  });
});
