import type { RoutingTopic, UnitCode } from '@priemnaya/contracts';
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

/**
 * The routing table (topic to unit), the units and the keyword rules, read with a short cache
 * so that an administrator's change takes effect within `refreshMs` without a restart.
 */
export function createRoutingRepository(db: Db, refreshMs = 5_000, clock = () => Date.now()) {
  const units = db.collection<UnitDocument>('units');
  const routes = db.collection<RouteDocument>('routing_table');
  const keywordRules = db.collection<KeywordRuleDocument>('keyword_rules');
  let cached: { at: number; value: { rules: KeywordRule[]; table: RouteEntry[] } } | undefined;

  return {
    /** Seeds the sample city into an empty database; leaves a database with any units alone. */
    async seedIfEmpty(): Promise<boolean> {
      if ((await units.countDocuments({}, { limit: 1 })) > 0) return false;
      await units.insertMany(SAMPLE_UNITS.map((unit) => ({ _id: unit.code, name: unit.name })));
      await routes.insertMany(SAMPLE_UNITS.flatMap((unit) => unit.topics.map((topic) => ({ _id: topic, unit: unit.code }))));
      await keywordRules.insertMany(SAMPLE_KEYWORD_RULES.map(({ id, ...rule }) => ({ _id: id, ...rule })));
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
