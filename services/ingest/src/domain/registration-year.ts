/** The calendar year of an instant in the city's time zone: numbering restarts at the city's New Year. */
export function registrationYear(at: Date, timeZone: string): number {
  const year = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric' }).format(at);
  return Number(year);
}
