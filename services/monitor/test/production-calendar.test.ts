import { bundledProductionCalendar, calendarCsv, type Clock } from '@priemnaya/deadlines';
import { describe, expect, it } from 'vitest';
import { aReceivedAppeal, aRoutedEvent, minutesAfter, startMonitorScenario, tokenFor, type MonitorScenario } from './support/monitor-harness.js';

const RECEIVED_AT = '2027-04-09T07:00:00.000Z';
const INVENTED_DECREE = 'Постановление Правительства РФ от 01.10.2026 № 9999 (для теста)';

/** 2027 as the open-data CSV would give it once a decree moved 2 January to 11 May and 3 January to 31 December (invented for the test). */
function csv2027WithDecree(): string {
  return calendarCsv(bundledProductionCalendar(), 2027)
    .replace('"1,2,3+,8,9,10+,15,16,22,23,29,30"', '"1,2,3+,8,9,10+,11+,15,16,22,23,29,30"')
    .replace(/"([^"]*),31\*"\s*,249,116/, '"$1,31+",247,118');
}

async function answerClock(scenario: MonitorScenario, appealId: string): Promise<Clock | undefined> {
  const stored = await scenario.database.db.collection<{ _id: string; state: { clocks: Clock[] } }>('appeal_clocks').findOne({ _id: appealId });
  return stored?.state.clocks.find((clock) => clock.kind === 'answer');
}

describe('the production calendar an administrator loads', () => {
  it('ТК РФ ст. 112 ч. 2: an answer due over the 2027 May holidays is provisional; loading the decree from the open-data CSV re-plans it and clears the mark', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const appeal = aReceivedAppeal(RECEIVED_AT);
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: appeal }, { topic: 'appeals.events', payload: aRoutedEvent(appeal, 'zhkh', minutesAfter(RECEIVED_AT, 1)) }]);
    await scenario.caughtUp();
    // 30 days end on Sunday 9 May, a holiday; Monday 10 May is its moved day off: due 11 May.
    expect(await answerClock(scenario, appeal.appealId)).toMatchObject({ dueDate: '2027-05-11', provisional: true });

    const staff = { authorization: `Bearer ${await tokenFor({ staffId: 'e-1', role: 'executor', units: ['zhkh'] })}` };
    const before = await monitor.http.inject({ method: 'GET', url: '/v1/production-calendar/years/2027', headers: staff });
    expect(before.json()).toMatchObject({ year: 2027, workingDays: 249, provisional: true, movedDaysOff: [{ to: '2027-05-03' }, { to: '2027-05-10' }, { to: '2027-06-14' }] });

    const administrator = { authorization: `Bearer ${await tokenFor({ staffId: 'a-1', role: 'administrator', units: [] })}` };
    const notCsv = await monitor.http.inject({ method: 'POST', url: '/v1/production-calendar/imports', headers: administrator, payload: { csv: csv2027WithDecree().replace('"1,2,3+', '"1,2,x3'), act: INVENTED_DECREE } });
    expect(notCsv.statusCode).toBe(400);
    expect(notCsv.json<{ message: string }>().message).toContain('csv: line 2, Май: "x3" is not a day of the month');
    expect(await answerClock(scenario, appeal.appealId)).toMatchObject({ dueDate: '2027-05-11' });

    const byExecutor = await monitor.http.inject({ method: 'POST', url: '/v1/production-calendar/imports', headers: staff, payload: { csv: csv2027WithDecree(), act: INVENTED_DECREE } });
    expect(byExecutor.statusCode).toBe(403);

    const loaded = await monitor.http.inject({ method: 'POST', url: '/v1/production-calendar/imports', headers: administrator, payload: { csv: csv2027WithDecree(), act: INVENTED_DECREE } });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json()).toEqual({ year: 2027, workingDays: 247, provisional: false, replanned: 1 });
    const clock = await answerClock(scenario, appeal.appealId);
    expect(clock).toMatchObject({ dueDate: '2027-05-12' });
    expect(clock?.provisional).toBeUndefined();
    const after = await monitor.http.inject({ method: 'GET', url: '/v1/production-calendar/years/2027', headers: staff });
    expect(after.json()).toMatchObject({ workingDays: 247, provisional: false, source: { act: INVENTED_DECREE, status: 'final' } });

    // The stored calendar survives a restart of the monitor.
    const restarted = await scenario.startMonitor();
    const again = await restarted.http.inject({ method: 'GET', url: '/v1/production-calendar/years/2027', headers: staff });
    expect(again.json()).toMatchObject({ workingDays: 247, provisional: false });
  });

  it('refuses a calendar whose zone differs from the city\'s one zone (CITY_TIME_ZONE), naming settings.zone', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, RECEIVED_AT);
    const monitor = await scenario.startMonitor();
    const administrator = { authorization: `Bearer ${await tokenFor({ staffId: 'a-1', role: 'administrator', units: [] })}` };
    const years = bundledProductionCalendar().data;
    const other = await monitor.http.inject({ method: 'PUT', url: '/v1/production-calendar', headers: administrator, payload: { settings: { zone: 'Asia/Yekaterinburg' }, years } });
    expect(other.statusCode).toBe(400);
    expect(other.json<{ message: string }>().message).toContain('settings.zone: the city\'s zone is set once for every service, by CITY_TIME_ZONE (Europe/Moscow)');
    const closeOfBusiness = await monitor.http.inject({ method: 'PUT', url: '/v1/production-calendar', headers: administrator, payload: { settings: { termEndsAt: 'close-of-business' }, years } });
    expect(closeOfBusiness.statusCode).toBe(200);
  });
});
