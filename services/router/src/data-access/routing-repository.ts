import type { Channel, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { isDuplicateKeyError } from '@priemnaya/database';
import type { Db } from 'mongodb';
import type { District, KeywordRule, RouteEntry, RoutingData } from '../domain/decide-route.js';
import { SAMPLE_UNITS } from '@priemnaya/reference-data';
import { SAMPLE_KEYWORD_RULES } from './sample-city.js';

export interface UnitDocument {
  _id: UnitCode;
  name: string;
}
/**
 * A row of the routing table. `_id` is `routeKey(row)`: the bare topic for the city-wide row (as
 * the first tables were stored, so they read unchanged), so one combination has one row.
 */
export interface RouteDocument {
  _id: string;
  unit: UnitCode;
  topic?: RoutingTopic;
  district?: string;
  channel?: Channel;
}
export type KeywordRuleDocument = Omit<KeywordRule, 'id'> & { _id: string };
export type DistrictDocument = Omit<District, 'code'> & { _id: string };

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

export function routeEntryOf({ _id, unit, topic, district, channel }: RouteDocument): RouteEntry {
  return { topic: topic ?? (_id as RoutingTopic), unit, ...(district !== undefined ? { district } : {}), ...(channel !== undefined ? { channel } : {}) };
}

export function routingCollections(db: Db) {
  return {
    units: db.collection<UnitDocument>('units'),
    routes: db.collection<RouteDocument>('routing_table'),
    keywordRules: db.collection<KeywordRuleDocument>('keyword_rules'),
    districts: db.collection<DistrictDocument>('districts'),
  };
}

/**
 * The routing table (topic, optionally district and channel, to unit), the units, the
 * administrators' rules and the district list, read with a short cache so that an administrator's
 * change takes effect within `refreshMs` without a restart (at once on the instance that made it).
 */
export function createRoutingRepository(db: Db, refreshMs = 5_000, clock = () => Date.now()) {
  const { units, routes, keywordRules, districts } = routingCollections(db);
  const seeds = db.collection<SeedDocument>('seeds');
  let cached: { at: number; value: RoutingData } | undefined;

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
    async units(): Promise<{ code: UnitCode; name: string }[]> {
      return (await units.find().toArray()).map(({ _id, name }) => ({ code: _id, name }));
    },
    async unitExists(code: string): Promise<boolean> {
      return (await units.countDocuments({ _id: code }, { limit: 1 })) > 0;
    },
    async current(): Promise<RoutingData> {
      if (cached && clock() - cached.at < refreshMs) return cached.value;
      const [ruleDocuments, routeDocuments, districtDocuments] = await Promise.all([
        keywordRules.find().toArray(),
        routes.find().toArray(),
        districts.find().toArray(),
      ]);
      const value: RoutingData = {
        rules: ruleDocuments.map(({ _id, ...rule }) => ({ id: _id, ...rule })),
        table: routeDocuments.map(routeEntryOf),
        districts: districtDocuments.map(({ _id, ...district }) => ({ code: _id, ...district })),
      };
      cached = { at: clock(), value };
      return value;
    },
    /** After an edit through the admin API, so this instance routes by it at once. */
    invalidate(): void {
      cached = undefined;
    },
  };
}
export type RoutingRepository = ReturnType<typeof createRoutingRepository>;
