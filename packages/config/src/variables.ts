import { z } from 'zod';

/** Reusable variable schemas, so every service spells and checks them the same way. */
export const env = {
  /** Comma-separated `host:port` list. */
  kafkaBrokers: () =>
    z
      .string()
      .min(1, 'is required')
      .transform((value) => value.split(',').map((broker) => broker.trim()).filter(Boolean))
      .pipe(
        z
          .array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'each broker must be host:port'))
          .min(1, 'must name at least one broker'),
      ),
  mongoUrl: () =>
    z
      .string()
      .min(1, 'is required')
      .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL'),
  databaseName: (fallback: string) =>
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
      .default(fallback),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  host: (fallback = '127.0.0.1') => z.string().min(1).default(fallback),
  logLevel: () => z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  topicPrefix: () =>
    z
      .string()
      .regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, dot, dash and underscore')
      .default(''),
  /** Copies of each topic; 1 on a single local broker, 3 on a production cluster. */
  replicationFactor: () => z.coerce.number().int().min(1).max(15).default(1),
  /**
   * The city's time zone, `CITY_TIME_ZONE`: the one setting every service reads it from, so the
   * date a registration number takes, a notice prints and a deadline counts can never disagree.
   */
  cityTimeZone: () =>
    z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as Europe/Moscow')
      .default('Europe/Moscow'),
  milliseconds: (fallback: number) => z.coerce.number().int().min(1).max(600_000).default(fallback),
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
