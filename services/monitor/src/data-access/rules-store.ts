import type { Db } from 'mongodb';

interface RulesDocument {
  _id: 'policies' | 'calendar';
  data: unknown;
  updatedAt: string;
  updatedBy: string;
}

/**
 * The administrators' deadline policies and production calendar, as they gave them (checked
 * before they are stored). A tiny collection: a read that misses costs nothing worth noting.
 */
export function createRulesStore(db: Db) {
  const rules = db.collection<RulesDocument>('deadline_rules');
  return {
    async load(): Promise<{ policies?: unknown; calendar?: unknown }> {
      const found = await rules.find({}).toArray();
      return {
        policies: found.find((rule) => rule._id === 'policies')?.data,
        calendar: found.find((rule) => rule._id === 'calendar')?.data,
      };
    },
    async save(id: RulesDocument['_id'], data: unknown, updatedBy: string, now: Date): Promise<void> {
      await rules.replaceOne({ _id: id }, { data, updatedBy, updatedAt: now.toISOString() }, { upsert: true });
    },
  };
}
export type RulesStore = ReturnType<typeof createRulesStore>;
