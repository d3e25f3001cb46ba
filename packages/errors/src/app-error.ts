/**
 * The base error of the fleet: a stable name to branch on, the cause, and whether trying again
 * can help. Consumers retry what is retriable, dead-letter what is not.
 */
export class AppError extends Error {
  override readonly name: string;
  readonly retriable: boolean;

  constructor(name: string, message: string, options: { retriable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = name;
    this.retriable = options.retriable;
  }
}

/** Input that will never become valid by retrying it. */
export class ValidationError extends AppError {
  constructor(message: string, readonly field: string, cause?: unknown) {
    super('ValidationError', message, { retriable: false, cause });
  }
}

/** A dependency (broker, database) did not answer; the same call may succeed later. */
export class UnavailableError extends AppError {
  constructor(message: string, cause?: unknown) {
    super('UnavailableError', message, { retriable: true, cause });
  }
}

/**
 * kafkajs reports retries that ran out (broker down, timeouts) as KafkaJSNumberOfRetriesExceeded,
 * sometimes wrapped again in KafkaJSNonRetriableError; both say `retriable: false`, while the
 * error of the last attempt, their `cause`, says whether a later call can succeed.
 */
export function lastAttemptError(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const { name, cause } = (current ?? {}) as { name?: string; cause?: unknown };
    const wrapper = name === 'KafkaJSNumberOfRetriesExceeded' || name === 'KafkaJSNonRetriableError';
    if (!wrapper || cause === undefined || cause === current) break;
    current = cause;
  }
  return current;
}

export function isRetriable(thrown: unknown): boolean {
  if (thrown instanceof AppError) return thrown.retriable;
  const error = lastAttemptError(thrown);
  // kafkajs marks its own errors; the MongoDB driver names and labels its transient ones.
  if (typeof error === 'object' && error !== null) {
    const candidate = error as { retriable?: unknown; name?: unknown; errorLabels?: unknown; hasErrorLabel?: unknown };
    if (typeof candidate.retriable === 'boolean') return candidate.retriable;
    if (typeof candidate.name === 'string' && TRANSIENT_MONGO_ERRORS.has(candidate.name)) return true;
    if (isKafkaJsNotConnected(error)) return true;
    if (isSocketError(error)) return true;
    if (typeof candidate.hasErrorLabel === 'function') {
      const hasLabel = candidate.hasErrorLabel as (label: string) => boolean;
      return TRANSIENT_MONGO_LABELS.some((label) => hasLabel.call(error, label));
    }
  }
  return false;
}

/**
 * kafkajs 2.2.4 throws a plain Error, not one of its own, when a request goes to a broker whose
 * connection it has not set up again yet (a broker that froze or restarted): a transient state,
 * which without this counted as a rejection (ingest answered 500, a consumer dead-lettered).
 */
function isKafkaJsNotConnected(error: object): boolean {
  return error instanceof Error && error.name === 'Error' && error.message === 'Broker not connected';
}

/**
 * A socket's own failure (the peer closed or reset the connection, or is not listening). The
 * MongoDB driver lets some reach the caller as they are, unwrapped: a command written to a
 * connection the restarting server had just closed fails with Node's EPIPE.
 */
const SOCKET_ERROR_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_STREAM_WRITE_AFTER_END', 'ERR_SOCKET_CLOSED']);

function isSocketError(error: object): boolean {
  const { code } = error as { code?: unknown };
  return error instanceof Error && typeof code === 'string' && SOCKET_ERROR_CODES.has(code);
}

/** The driver's errors for a server that did not answer in time or went away. */
const TRANSIENT_MONGO_ERRORS = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoOperationTimeoutError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  // No pooled connection came free within waitQueueTimeoutMS: the server is slow or frozen.
  'MongoWaitQueueTimeoutError',
  // A call interrupted on a connection the driver closed when its monitor lost the server.
  'PoolClearedOnNetworkError',
  'MongoNotConnectedError',
]);
const TRANSIENT_MONGO_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];
