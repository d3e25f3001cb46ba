import { describe, expect, it } from 'vitest';
import { toTopicSuggestion } from './topic-suggestion.js';

describe('toTopicSuggestion', () => {
  it('names the topic and says which keyword rule matched which terms', () => {
    expect(
      toTopicSuggestion({ topic: 'housing', unit: 'zhkh', reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['отоплен', 'батаре'] } }),
    ).toEqual({ topic: 'housing', topicName: 'ЖКХ и благоустройство', unit: 'zhkh', reason: 'keyword rule sample-housing: отоплен, батаре' });
  });

  it('when topics tie, says the appeal would go to triage', () => {
    const suggestion = toTopicSuggestion({ topic: 'roads', reason: { kind: 'ambiguous', candidates: ['housing', 'roads'] } });
    expect(suggestion).toEqual({ topic: 'roads', topicName: 'Дороги', reason: 'equally likely topics: housing, roads; the appeal would go to triage' });
  });

  it('when the router gives a reason kind it does not know and a confidence, passes both on', () => {
    expect(toTopicSuggestion({ topic: 'other', confidence: 0.42, reason: { kind: 'model' } })).toMatchObject({ confidence: 0.42, reason: 'model' });
  });
});
