const YEAR_FORMATS = new Map<string, Intl.DateTimeFormat>();

/** The calendar year of an instant in the city's time zone: numbering restarts at the city's New Year. */
export function registrationYear(at: Date, timeZone: string): number {
  // Building a format is far dearer than using one, and every appeal asks.
  let format = YEAR_FORMATS.get(timeZone);
  if (format === undefined) YEAR_FORMATS.set(timeZone, (format = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' })));
  return Number(format.format(at));
}
