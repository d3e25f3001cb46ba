import { context, trace } from '@opentelemetry/api';
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Field names that may carry personal data (names, contacts, addresses, appeal text) or secrets.
 * They are censored wherever they appear in a log object, at any depth; code must still never log
 * a payload, this is the second line of defence.
 */
const PERSONAL_FIELDS = new Set([
  'author', 'name', 'fullName', 'email', 'phone', 'postalAddress', 'address', 'problemAddress',
  'text', 'body', 'payload', 'value', 'location', 'authorization', 'cookie', 'password',
  // 59-ФЗ ст. 13 ч. 2: the identity document a citizen presents at a personal reception.
  'identityDocument', 'seriesNumber',
]);
const CENSOR = '[redacted]';
const MAX_DEPTH = 8;

/** A copy of a log object with personal fields censored at any depth; errors are left to pino's serializer. */
export function censorPersonalData(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Error || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return CENSOR;
  if (Array.isArray(value)) return value.map((item) => censorPersonalData(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    copy[key] = PERSONAL_FIELDS.has(key) ? CENSOR : censorPersonalData(field, depth + 1);
  }
  return copy;
}

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: pino.DestinationStream;
}

/**
 * Errors whose messages are known to carry no appeal data: the broker's and the database
 * connection's, and the fleet's own. Any other message (a database's duplicate-key message
 * quotes the key's values) is left out of the log; the name, code and stack frames stay.
 */
const TRUSTED_ERROR_NAMES =
  /^(KafkaJS\w*|Mongo(Network|NetworkTimeout|ServerSelection|Topology|TopologyClosed|PoolCleared|NotConnected|OperationTimeout)Error|AppError|UnavailableError|ValidationError|ConfigError|RequestError|PublishRejected|IdempotencyKeyConflict)$/;

export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, retriable } = error as { code?: unknown; retriable?: unknown };
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n');
  return {
    type: error.name,
    ...(TRUSTED_ERROR_NAMES.test(error.name) ? { message: error.message } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(typeof retriable === 'boolean' ? { retriable } : {}),
    ...(frames ? { stack: frames } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}

export function createLogger({ service, level = 'info', destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => censorPersonalData(object) as Record<string, unknown>,
      },
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
