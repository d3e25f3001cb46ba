import { SEED_EXAMPLES, createClassifier, train } from '@priemnaya/classifier';
import { describe, expect, it } from 'vitest';
import { classifyLine } from './classify-line.js';

const classifier = createClassifier(train(SEED_EXAMPLES, { features: { minDocumentFrequency: 1 }, corpus: 'test' }));

describe('./scripts/dev classify, one line', () => {
  it('when the line is an appeal, answers its id, topic, confidence and alternatives', () => {
    const answer = classifyLine(classifier, JSON.stringify({ id: 'a-1', text: 'Автобус не ходит по расписанию' }), 1);
    expect(answer).toMatchObject({ id: 'a-1', topic: 'transport' });
    expect(answer).toHaveProperty('alternatives');
  });

  it('when the line is not JSON, answers an error naming the line', () => {
    expect(classifyLine(classifier, '{"id": "a-2", "text": ', 7)).toEqual({ id: null, error: 'line 7: not valid JSON' });
  });

  it('when the text is missing, answers an error with the id and the field', () => {
    expect(classifyLine(classifier, '{"id": "a-3"}', 2)).toMatchObject({ id: 'a-3', error: expect.stringMatching(/^line 2: text: /) as unknown });
  });

  it('when the line is JSON but not an object, answers an error', () => {
    expect(classifyLine(classifier, '42', 3)).toMatchObject({ id: null, error: expect.stringMatching(/^line 3/) as unknown });
  });
});
