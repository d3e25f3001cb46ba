import type { RoutingTopic } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { decideRoute, type AppealFacts, type KeywordRule, type RouteEntry, type RoutingData, type TopicModel } from './decide-route.js';
import { words } from './normalise-text.js';

const rules: KeywordRule[] = [
  { id: 'housing-heating', topic: 'housing', stems: ['отоплен', 'батаре', 'подъезд'] },
  { id: 'roads-surface', topic: 'roads', stems: ['яма', 'ямы', 'асфальт'] },
  { id: 'education-schools', topic: 'education', stems: ['школ', 'детск'] },
  { id: 'platform-roads', topic: 'roads', stems: [], platformCategories: ['ДОРОГИ'] },
];
const table: RouteEntry[] = [
  { topic: 'housing', unit: 'zhkh' },
  { topic: 'roads', unit: 'roads' },
  { topic: 'transport', unit: 'transport' },
  { topic: 'transport', unit: 'transport-north', district: 'north' },
];
const data: RoutingData = { rules, table, districts: [{ code: 'north', name: 'Северный', addressTerms: ['Заречная'] }] };

/** A model that says what the test tells it, so each case states the model's opinion. */
function modelSaying(topic: RoutingTopic, confidence: number, noEvidence = false): TopicModel {
  return {
    version: 'test-2026-01-01-00000000',
    threshold: 0.9,
    classify: () => ({ topic, confidence, alternatives: [{ topic: 'other', confidence: 1 - confidence }], terms: ['term'], noEvidence }),
  };
}
const site = (text: string, more: Partial<AppealFacts> = {}): AppealFacts => ({ text, channel: 'site', ...more });
const decide = (appeal: AppealFacts, model: TopicModel) => decideRoute(appeal, data, model, 1_000).decision;

describe('words', () => {
  it('strips HTML and entities, folds ё and lower-cases', () => {
    expect(words('<p>Ещё&nbsp;ЁЛКА, 5-й&amp;дом</p>')).toEqual(['еще', 'елка', '5', 'й', 'дом']);
  });
});

describe('decideRoute', () => {
  it('when a keyword rule matches and the model agrees, routes by the rule saying which terms matched', () => {
    expect(decide(site('В подъезде нет отопления, батареи холодные'), modelSaying('housing', 0.99))).toEqual({
      kind: 'route',
      topic: 'housing',
      unit: 'zhkh',
      reason: { kind: 'keyword-rule', ruleId: 'housing-heating', matchedTerms: ['отоплен', 'батаре', 'подъезд'] },
    });
  });

  it('when a rule matches and the model is unsure of another topic, the rule wins', () => {
    expect(decide(site('Нет отопления'), modelSaying('roads', 0.5))).toMatchObject({ kind: 'route', topic: 'housing', reason: { kind: 'keyword-rule' } });
  });

  it('when a rule matches and the model is confident of another topic, sends it to triage naming both', () => {
    expect(decide(site('Нет отопления'), modelSaying('roads', 0.95))).toEqual({
      kind: 'triage',
      reason: { kind: 'rule-model-disagreement', ruleId: 'housing-heating', ruleTopic: 'housing', modelVersion: 'test-2026-01-01-00000000', modelTopic: 'roads', confidence: 0.95 },
    });
  });

  it('when a platform category rule matches, it outranks keywords and says so', () => {
    const decision = decide(site('Нет отопления', { channel: 'pos', platformCategory: 'ДОРОГИ' }), modelSaying('roads', 0.5));
    expect(decision).toEqual({ kind: 'route', topic: 'roads', unit: 'roads', reason: { kind: 'explicit-rule', ruleId: 'platform-roads', matchedTerms: [], platformCategory: 'ДОРОГИ' } });
  });

  it('matches a stem of several words only on consecutive words', () => {
    const phraseData = { ...data, rules: [{ id: 'kindergarten', topic: 'roads' as const, stems: ['детск сад'] }] };
    expect(decideRoute(site('Очередь в детский сад'), phraseData, modelSaying('roads', 0.1), 1_000).decision.kind).toBe('route');
    expect(decideRoute(site('Детский праздник в саду'), phraseData, modelSaying('roads', 0.1), 1_000).decision.kind).toBe('triage');
  });

  it('when two topics tie on rules, sends it to triage with both candidates', () => {
    expect(decide(site('Яма у подъезда'), modelSaying('roads', 0.99))).toEqual({ kind: 'triage', reason: { kind: 'ambiguous', candidates: ['housing', 'roads'] } });
  });

  it('when no rule matches and the model is confident, routes by the model with its version, confidence and terms', () => {
    expect(decide(site('Автобус не ходит'), modelSaying('transport', 0.97))).toEqual({
      kind: 'route',
      topic: 'transport',
      unit: 'transport',
      reason: { kind: 'model', modelVersion: 'test-2026-01-01-00000000', confidence: 0.97, threshold: 0.9, topTerms: ['term'] },
    });
  });

  it('when the problem address lies in a district with its own row, routes to that unit', () => {
    expect(decide(site('Автобус не ходит', { problemAddress: 'ул. Заречная, 3' }), modelSaying('transport', 0.97))).toMatchObject({ unit: 'transport-north' });
  });

  it('when no rule matches and the model is below the threshold, sends it to triage with the model opinion', () => {
    expect(decide(site('Прошу рассмотреть'), modelSaying('governance', 0.6))).toMatchObject({
      kind: 'triage',
      reason: { kind: 'below-threshold', topic: 'governance', confidence: 0.6, threshold: 0.9, alternatives: [{ topic: 'other', confidence: 0.4 }] },
    });
  });

  it('when the model knows none of the words, sends it to triage saying so', () => {
    expect(decide(site('Благодарю'), modelSaying('housing', 1 / 13, true))).toEqual({ kind: 'triage', reason: { kind: 'unroutable-text', problem: 'no-known-terms' } });
  });

  it('when the text cannot be routed by its words, sends it to triage without asking the model', () => {
    const model = { ...modelSaying('housing', 1), classify: () => { throw new Error('must not be asked'); } };
    expect(decide(site('🙂🙂'), model)).toEqual({ kind: 'triage', reason: { kind: 'unroutable-text', problem: 'no-letters' } });
    expect(decide(site('<div></div>'), model)).toEqual({ kind: 'triage', reason: { kind: 'unroutable-text', problem: 'markup-only' } });
  });

  it('when the table has no unit for the topic, sends it to triage naming the topic', () => {
    expect(decide(site('Нет мест в детском саду у школы'), modelSaying('education', 0.99))).toEqual({
      kind: 'triage',
      reason: { kind: 'no-unit-for-topic', topic: 'education' },
    });
  });

  it('when the guard suspended a topic, holds back only the model’s own decisions of it: a rule still routes it, other topics still go by the model', () => {
    const suspended = new Map([['transport' as const, { since: new Date('2026-03-01T00:00:00.000Z'), precision: 0.7, outcomes: 20, target: 0.95 }]]);
    const decideGuarded = (appeal: AppealFacts, model: TopicModel) => decideRoute(appeal, data, model, 1_000, suspended).decision;
    expect(decideGuarded(site('Автобус номер 5 не пришёл'), modelSaying('transport', 0.99))).toMatchObject({ kind: 'triage', reason: { kind: 'precision-guard', topic: 'transport', precision: 0.7 } });
    expect(decideGuarded(site('Автобус номер 5 не пришёл'), modelSaying('transport', 0.5))).toMatchObject({ kind: 'triage', reason: { kind: 'below-threshold' } });
    expect(decideGuarded(site('Огромная яма на асфальте'), modelSaying('transport', 0.5))).toMatchObject({ kind: 'route', topic: 'roads', reason: { kind: 'keyword-rule' } });
    expect(decideGuarded(site('Во дворе нужен ремонт'), modelSaying('housing', 0.99))).toMatchObject({ kind: 'route', topic: 'housing', reason: { kind: 'model' } });
  });
});
