import { MongoClient, type Db } from 'mongodb';

export interface Database {
  db: Db;
  client: MongoClient;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Connects to a MongoDB-wire database. The data layers keep to what both MongoDB and FerretDB
 * support (no transactions, change streams or $lookup), see docs/architecture.md.
 */
export async function connectDatabase(url: string, dbName: string): Promise<Database> {
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 5_000,
    connectTimeoutMS: 5_000,
    appName: 'priemnaya',
  });
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

/** The server's answer to an insert whose unique key is already taken. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
