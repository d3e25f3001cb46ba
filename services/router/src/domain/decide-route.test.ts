import { describe, expect, it } from 'vitest';
import { decideRoute, type KeywordRule, type RouteEntry } from './decide-route.js';
import { words } from './normalise-text.js';

const rules: KeywordRule[] = [
  { id: 'housing-heating', topic: 'housing', stems: ['отоплен', 'батаре', 'подъезд'] },
  { id: 'roads-surface', topic: 'roads', stems: ['яма', 'ямы', 'асфальт'] },
  { id: 'education-schools', topic: 'education', stems: ['школ', 'детск'] },
];
const table: RouteEntry[] = [
  { topic: 'housing', unit: 'zhkh' },
  { topic: 'roads', unit: 'roads' },
];

describe('words', () => {
  it('strips HTML and entities, folds ё and lower-cases', () => {
    expect(words('<p>Ещё&nbsp;ЁЛКА, 5-й&amp;дом</p>')).toEqual(['еще', 'елка', '5', 'й', 'дом']);
  });
});

describe('decideRoute', () => {
  it('routes by the rule that matches most stems, saying which terms matched', () => {
    const decision = decideRoute('В подъезде нет отопления, батареи холодные', rules, table);
    expect(decision).toEqual({
      kind: 'route',
      topic: 'housing',
      unit: 'zhkh',
      reason: { kind: 'keyword-rule', ruleId: 'housing-heating', matchedTerms: ['отоплен', 'батаре', 'подъезд'] },
    });
  });

  it('matches a stem of several words only on consecutive words', () => {
    const phraseRules: KeywordRule[] = [{ id: 'kindergarten', topic: 'roads', stems: ['детск сад'] }];
    expect(decideRoute('Очередь в детский сад', phraseRules, table).kind).toBe('route');
    expect(decideRoute('Детский праздник в саду', phraseRules, table).kind).toBe('triage');
  });

  it('when no rule matches, sends the appeal to triage', () => {
    expect(decideRoute('Благодарю за помощь', rules, table)).toEqual({ kind: 'triage', reason: { kind: 'no-rule-matched' } });
  });

  it('when two topics tie, sends it to triage with both candidates', () => {
    const decision = decideRoute('Яма у подъезда', rules, table);
    expect(decision).toEqual({ kind: 'triage', reason: { kind: 'ambiguous', candidates: ['housing', 'roads'] } });
  });

  it('when the table has no unit for the topic, sends it to triage naming the topic', () => {
    expect(decideRoute('Нет мест в детском саду у школы', rules, table)).toEqual({
      kind: 'triage',
      reason: { kind: 'no-unit-for-topic', topic: 'education' },
    });
  });
});
