import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundledProductionCalendar, calendarCsv } from '@priemnaya/deadlines';
import { describe, expect, it } from 'vitest';
import { startMonitorScenario, tokenFor } from './support/monitor-harness.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = path.join(ROOT, 'scripts/calendar/calendar.ts');
const run = promisify(execFile);

function calendar(args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
}

describe('./scripts/dev calendar', () => {
  it('YEAR prints every non-working date of the year, one per line, then the count of working days and whether it is provisional', async () => {
    const { stdout } = await calendar(['2027']);
    const lines = stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('2027: 249 working days provisional');
    expect(lines.slice(0, -1).every((line) => /^2027-\d{2}-\d{2}$/.test(line))).toBe(true);
    expect(lines).toContain('2027-05-03');
    expect(lines).toContain('2027-05-10');
    expect(lines).toContain('2027-06-14');
    expect(lines).toHaveLength(365 - 249 + 1);
    expect((await calendar(['2026'])).stdout.trim().split('\n').at(-1)).toBe('2026: 247 working days');
  });

  it('import FILE loads the year into the running monitor as an administrator, and a file that does not parse is refused with its line', async ({ onTestFinished }) => {
    const scenario = await startMonitorScenario(onTestFinished, '2026-12-07T09:00:00.000Z');
    const monitor = await scenario.startMonitor();
    const address = await monitor.http.listen({ host: '127.0.0.1', port: 0 });
    const env = { MONITOR_URL: address, PRIEMNAYA_TOKEN: await tokenFor({ staffId: 'a-1', role: 'administrator', units: [] }) };
    const folder = await mkdtemp(path.join(tmpdir(), 'calendar-'));
    const good = path.join(folder, '2027.csv');
    // An invented decree for the test: 2 January to 11 January, 3 January to 31 December.
    await writeFile(good, calendarCsv(bundledProductionCalendar(), 2027)
      .replace('"1,2,3,4,5,6,7,8,9,10,16,17,23,24,30,31"', '"1,2,3,4,5,6,7,8,9,10,11+,16,17,23,24,30,31"')
      .replace(/"([^"]*),31\*"\s*,249,116/, '"$1,31+",247,118'));
    const bad = path.join(folder, 'bad.csv');
    await writeFile(bad, calendarCsv(bundledProductionCalendar(), 2027).replace('"6,7,13,14,20,21,22*', '"6,7,13,14,20,21,22*,30'));

    const refused = await calendar(['import', bad, '--act', 'Постановление Правительства РФ от 01.10.2026 № 9999'], env).then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain('line 2, Февраль: "30" is not a day of the month');

    const loaded = await calendar(['import', good, '--act', 'Постановление Правительства РФ от 01.10.2026 № 9999'], env);
    expect(loaded.stdout.trim()).toBe('2027: 247 working days; 0 open appeals re-planned');
    const staff = { authorization: `Bearer ${await tokenFor({ staffId: 'e-1', role: 'executor', units: ['zhkh'] })}` };
    const year = await monitor.http.inject({ method: 'GET', url: '/v1/production-calendar/years/2027', headers: staff });
    expect(year.json()).toMatchObject({ workingDays: 247, provisional: false });
  });
});
