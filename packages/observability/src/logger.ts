import { context, trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field names that may carry personal data (names, contacts, addresses, appeal text). They are
 * censored wherever they appear in a log object, two levels deep; code must still never log a
 * payload, this is the second line of defence.
 */
const PERSONAL_FIELDS = [
  'author', 'name', 'fullName', 'email', 'phone', 'postalAddress', 'address', 'problemAddress',
  'text', 'body', 'payload', 'value', 'location', 'authorization', 'cookie',
];
const REDACT_PATHS = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: pino.DestinationStream;
}

export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      // Every line carries the active trace, so logs and traces join up.
      mixin() {
        const span = trace.getSpan(context.active());
        if (!span) return {};
        const { traceId, spanId } = span.spanContext();
        return { traceId, spanId };
      },
    },
    destination,
  );
}
