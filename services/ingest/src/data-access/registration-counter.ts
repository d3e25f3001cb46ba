import { formatRegistrationNumber, type RegistrationNumber } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

interface CounterDocument {
  _id: string;
  sequence: number;
}

/**
 * One atomic counter per year: `findOneAndUpdate` with `$inc` gives every replica of ingest a
 * distinct, increasing number without coordination.
 */
export function createRegistrationCounter(db: Db) {
  const counters = db.collection<CounterDocument>('registration_counters');
  return {
    async next(year: number): Promise<RegistrationNumber> {
      for (let attempt = 0; ; attempt++) {
        try {
          const counter = await counters.findOneAndUpdate(
            { _id: `appeals:${year}` },
            { $inc: { sequence: 1 } },
            { upsert: true, returnDocument: 'after' },
          );
          if (!counter) throw new Error('registration counter returned no document');
          return formatRegistrationNumber(counter.sequence, year);
        } catch (error) {
          // Two first registrations of a year may race to create the counter; the loser retries.
          if (!isDuplicateKeyError(error) || attempt >= 3) throw error;
        }
      }
    },
  };
}
