import { formatRegistrationNumber, type RegistrationNumber } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';

interface IssuedNumberDocument {
  _id: string;
  year: number;
  sequence: number;
  issuedAt: Date;
}

/**
 * Registration numbers, unique and increasing within a year across every ingest replica. Each
 * issued number is a document whose `_id` is its year and sequence: of two replicas that try the
 * same number, the unique `_id` lets one win and the other takes the next. Not `$inc` on one
 * counter: FerretDB applies it without isolation, so concurrent increments return the same value
 * (production MongoDB would be safe with `$inc`, and this works there too).
 */
export function createRegistrationCounter(db: Db) {
  const issued = db.collection<IssuedNumberDocument>('registration_numbers');
  return {
    async ensureIndexes(): Promise<void> {
      await issued.createIndex({ year: 1, sequence: -1 });
    },
    async next(year: number): Promise<RegistrationNumber> {
      const last = await issued.find({ year }, { sort: { sequence: -1 }, limit: 1, projection: { sequence: 1 } }).next();
      for (let sequence = (last?.sequence ?? 0) + 1; ; sequence++) {
        try {
          await issued.insertOne({ _id: `appeals:${year}:${sequence}`, year, sequence, issuedAt: new Date() });
          return formatRegistrationNumber(sequence, year);
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
      }
    },
  };
}
