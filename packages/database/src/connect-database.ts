import { MongoClient, type CommandFailedEvent, type Db, type MongoClientOptions } from 'mongodb';

export interface Database {
  db: Db;
  client: MongoClient;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * The bounds every call to the database keeps unless the connection string sets its own (a
 * city's operator may lengthen them for a slow server: `?socketTimeoutMS=30000`).
 *
 * The driver's per-operation `timeoutMS` is ignored by this driver major, so the bound is built
 * from the parts it does keep: a reply that does not come within `socketTimeoutMS` fails the call
 * and closes its connection (a server that froze, or a network that drops packets, would
 * otherwise hold the call for ever); a call waits at most `waitQueueTimeoutMS` for a pooled
 * connection and `serverSelectionTimeoutMS` for a server; the monitor's heartbeat notices a
 * server gone or back within `heartbeatFrequencyMS`.
 */
export const DATABASE_BOUNDS = {
  socketTimeoutMS: 10_000,
  connectTimeoutMS: 3_000,
  serverSelectionTimeoutMS: 5_000,
  waitQueueTimeoutMS: 5_000,
  heartbeatFrequencyMS: 2_000,
  maxPoolSize: 20,
} as const satisfies MongoClientOptions;

/** The bounds of DATABASE_BOUNDS that the connection string does not set itself. */
export function databaseOptions(url: string): MongoClientOptions {
  // Only the query: a connection string may list several hosts, which no URL parser takes.
  const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
  const given = new Set([...new URLSearchParams(query).keys()].map((key) => key.toLowerCase()));
  const options: MongoClientOptions = { appName: 'priemnaya', monitorCommands: true };
  for (const [key, value] of Object.entries(DATABASE_BOUNDS)) {
    if (!given.has(key.toLowerCase())) Object.assign(options, { [key]: value });
  }
  return options;
}

/**
 * Connects to a MongoDB-wire database. The data layers keep to what both MongoDB and FerretDB
 * support (no transactions, change streams or $lookup), see docs/architecture.md.
 */
export async function connectDatabase(url: string, dbName: string): Promise<Database> {
  const client = new MongoClient(url, databaseOptions(url));
  client.on('commandFailed', nameTheOperation);
  await client.connect();
  const db = client.db(dbName);
  return {
    db,
    client,
    async ping() {
      try {
        await db.command({ ping: 1 });
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await client.close();
    },
  };
}

/**
 * A timed-out or dropped call reaches its caller as the driver's error ("connection 4 to
 * 127.0.0.1:27017 timed out"), which says nothing of what was asked. The event of the failed
 * command carries the very error the caller gets: it is given the command and the database, in
 * its message (for logs) and as `operation`. Only the names are added, never the command's
 * documents, which may hold personal data.
 */
function nameTheOperation(event: CommandFailedEvent): void {
  const failure = event.failure as Error & { operation?: string };
  if (typeof failure !== 'object' || failure === null || failure.operation !== undefined) return;
  const operation = `${event.commandName} on ${event.databaseName}`;
  try {
    failure.operation = operation;
    failure.message = `${operation}: ${failure.message}`;
  } catch {
    // A frozen error object keeps the driver's message.
  }
}

/** The server's answer to an insert whose unique key is already taken. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
