import { describe, expect, it } from 'vitest';
import { DATABASE_BOUNDS, databaseOptions } from './connect-database.js';

describe('databaseOptions', () => {
  it('bounds every call: socket, pool wait, server selection, connection, heartbeat', () => {
    const options = databaseOptions('mongodb://127.0.0.1:27017/?directConnection=true');
    expect(options).toMatchObject(DATABASE_BOUNDS);
    expect(options.socketTimeoutMS).toBeGreaterThan(0);
    expect(options.waitQueueTimeoutMS).toBeGreaterThan(0);
  });

  it('leaves a bound the connection string sets to the connection string, whatever its case', () => {
    const options = databaseOptions('mongodb://db1:27017,db2:27017/?replicaSet=rs0&sockettimeoutms=30000&waitQueueTimeoutMS=1000');
    expect(options).not.toHaveProperty('socketTimeoutMS');
    expect(options).not.toHaveProperty('waitQueueTimeoutMS');
    expect(options.serverSelectionTimeoutMS).toBe(DATABASE_BOUNDS.serverSelectionTimeoutMS);
  });

  it('reads the options of an SRV connection string too', () => {
    expect(databaseOptions('mongodb+srv://user:secret@cluster.example.org/?socketTimeoutMS=20000')).not.toHaveProperty('socketTimeoutMS');
  });
});
