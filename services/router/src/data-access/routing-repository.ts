import type { RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { KeywordRule, RouteEntry } from '../domain/decide-route.js';
import { SAMPLE_UNITS } from '@priemnaya/reference-data';
import { SAMPLE_KEYWORD_RULES } from './sample-city.js';

interface UnitDocument {
  _id: UnitCode;
  name: string;
}
interface RouteDocument {
  _id: RoutingTopic;
  unit: UnitCode;
}
interface KeywordRuleDocument {
  _id: string;
  topic: RoutingTopic;
  stems: string[];
}

interface SeedDocument {
  _id: string;
  startedAt: Date;
  completedAt?: Date;
}

const SAMPLE_SEED = 'sample-city';

/** Runs an upsert; a concurrent upsert of the same document that won is just as good. */
async function keepFirst(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/**
 * The routing table (topic to unit), the units and the keyword rules, read with a short cache
 * so that an administrator's change takes effect within `refreshMs` without a restart.
 */
export function createRoutingRepository(db: Db, refreshMs = 5_000, clock = () => Date.now()) {
  const units = db.collection<UnitDocument>('units');
  const routes = db.collection<RouteDocument>('routing_table');
  const keywordRules = db.collection<KeywordRuleDocument>('keyword_rules');
  const seeds = db.collection<SeedDocument>('seeds');
  let cached: { at: number; value: { rules: KeywordRule[]; table: RouteEntry[] } } | undefined;

  return {
    /**
     * Seeds the sample city into an empty database and leaves a city's own data alone. A marker
     * records that seeding began, so a seed cut short by a crash is completed on the next start;
     * every write is an upsert that keeps what exists, so routers starting together do not clash.
     */
    async seedIfEmpty(): Promise<boolean> {
      const marker = await seeds.findOne({ _id: SAMPLE_SEED });
      if (marker?.completedAt) return false;
      if (!marker && (await units.countDocuments({}, { limit: 1 })) > 0) return false;
      await keepFirst(() => seeds.updateOne({ _id: SAMPLE_SEED }, { $setOnInsert: { startedAt: new Date() } }, { upsert: true }));
      for (const unit of SAMPLE_UNITS) {
        await keepFirst(() => units.updateOne({ _id: unit.code }, { $setOnInsert: { name: unit.name } }, { upsert: true }));
        for (const topic of unit.topics) {
          await keepFirst(() => routes.updateOne({ _id: topic }, { $setOnInsert: { unit: unit.code } }, { upsert: true }));
        }
      }
      for (const { id, ...rule } of SAMPLE_KEYWORD_RULES) {
        await keepFirst(() => keywordRules.updateOne({ _id: id }, { $setOnInsert: rule }, { upsert: true }));
      }
      await seeds.updateOne({ _id: SAMPLE_SEED }, { $set: { completedAt: new Date() } });
      return true;
    },
    async unitCodes(): Promise<UnitCode[]> {
      return (await units.find({}, { projection: { _id: 1 } }).toArray()).map((unit) => unit._id);
    },
    async current(): Promise<{ rules: KeywordRule[]; table: RouteEntry[] }> {
      if (cached && clock() - cached.at < refreshMs) return cached.value;
      const [ruleDocuments, routeDocuments] = await Promise.all([keywordRules.find().toArray(), routes.find().toArray()]);
      const value = {
        rules: ruleDocuments.map(({ _id, ...rule }) => ({ id: _id, ...rule })),
        table: routeDocuments.map(({ _id, unit }) => ({ topic: _id, unit })),
      };
      cached = { at: clock(), value };
      return value;
    },
  };
}
export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
