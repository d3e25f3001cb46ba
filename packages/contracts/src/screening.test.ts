import { describe, expect, it } from 'vitest';
import { ART11_PART_OF_FLAG, ScreeningFinding, ScreeningFlag } from './appeal.js';

describe('ScreeningFinding', () => {
  it('59-ФЗ ст. 11: every flag names its part of the article', () => {
    expect(Object.keys(ART11_PART_OF_FLAG).sort()).toEqual([...ScreeningFlag.options].sort());
    expect(['court-decision', 'no-question', 'answer-published'].map((flag) => ART11_PART_OF_FLAG[ScreeningFlag.parse(flag)])).toEqual(['2', '4.1', '5.1']);
  });

  it('a finding from before the basis was recorded still parses; a new one carries it', () => {
    expect(ScreeningFinding.safeParse({ flag: 'anonymous', reason: 'no surname given' }).success).toBe(true);
    expect(ScreeningFinding.parse({ flag: 'unreadable', reason: 'text looks like keyboard mash', basis: '59-ФЗ ст. 11 ч. 4' }).basis).toBe('59-ФЗ ст. 11 ч. 4');
  });

  it('refuses a flag the article does not list, naming the field', () => {
    const result = ScreeningFinding.safeParse({ flag: 'spam', reason: 'x' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['flag']);
  });
});
