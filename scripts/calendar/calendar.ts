/**
 * `./scripts/dev calendar YEAR [--file CSV (--act ACT | --provisional REASON)]`: every non-working
 * date of the year as YYYY-MM-DD, one per line, then `YEAR: N working days` (and `provisional`
 * while the year's decree is not entered). The shipped calendar, or the CSV year given, so an
 * administrator can check a file before loading it.
 *
 * `./scripts/dev calendar import FILE [--year YEAR] (--act ACT | --provisional REASON)`: loads a
 * year of the open-data CSV into the running monitor (MONITOR_URL, default http://127.0.0.1:8086)
 * as an administrator (PRIEMNAYA_TOKEN, or a development token of the local fleet); the monitor
 * re-plans every open clock. A file that does not parse is refused with its line, and nothing changes.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createStaffTokens } from '@priemnaya/auth';
import { bundledProductionCalendar, createProductionCalendar, parseCalendarCsv, summariseYear, type CalendarYear } from '@priemnaya/deadlines';
import { devStaffTokenSecret } from '../auth/dev-secret.js';

const USAGE = 'usage: ./scripts/dev calendar YEAR [--file CSV (--act ACT | --provisional REASON)]\n       ./scripts/dev calendar import FILE [--year YEAR] (--act ACT | --provisional REASON)';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { file: { type: 'string' }, year: { type: 'string' }, act: { type: 'string' }, provisional: { type: 'string' } },
});

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readYear(file: string, year: number | undefined): CalendarYear {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`${file}: ${(error as Error).message}`);
  }
  const parsed = parseCalendarCsv(text, { year, act: values.act, provisionalReason: values.provisional });
  if (!parsed.ok) fail(`${file} refused:\n${parsed.reasons.map((reason) => `  ${reason}`).join('\n')}`);
  return parsed.value;
}

function yearArgument(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text)) fail(`year: "${text}" is not a year such as 2027\n${USAGE}`, 2);
  return Number(text);
}

async function importYear(file: string): Promise<void> {
  const year = readYear(file, yearArgument(values.year));
  const monitor = process.env.MONITOR_URL ?? 'http://127.0.0.1:8086';
  const token = process.env.PRIEMNAYA_TOKEN
    ?? (await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'dev-administrator', role: 'administrator', units: [] }, { ttlSeconds: 300 }));
  process.stderr.write(`[calendar] ${year.year} read (${year.transfers.length} transfers of the decree); sending to ${monitor}\n`);
  let response: Response;
  try {
    response = await fetch(`${monitor}/v1/production-calendar/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ csv: readFileSync(file, 'utf8'), year: year.year, act: values.act, provisionalReason: values.provisional }),
      signal: AbortSignal.timeout(120_000),
    });
  } catch (error) {
    fail(`the monitor at ${monitor} did not answer (${(error as Error).message}); is the fleet up (./scripts/dev up)?`);
  }
  const body = (await response.json()) as { message?: string; year?: number; workingDays?: number; provisional?: boolean; replanned?: number };
  if (!response.ok) fail(`the monitor refused the import (${response.status}): ${body.message ?? 'no reason given'}`);
  process.stdout.write(`${body.year}: ${body.workingDays} working days${body.provisional === true ? ' provisional' : ''}; ${body.replanned} open appeals re-planned\n`);
}

function printYear(yearText: string | undefined): void {
  const year = yearArgument(yearText) ?? fail(USAGE, 2);
  const calendar = values.file === undefined ? bundledProductionCalendar() : createProductionCalendar({ years: [readYear(values.file, year)] });
  const summary = summariseYear(calendar, year);
  process.stdout.write(`${summary.nonWorkingDays.join('\n')}\n${year}: ${summary.workingDays} working days${summary.provisional ? ' provisional' : ''}\n`);
}

const [first, second] = positionals;
if (first === 'import') {
  if (second === undefined) fail(USAGE, 2);
  await importYear(second);
} else {
  printYear(first);
}
