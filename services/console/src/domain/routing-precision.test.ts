import { describe, expect, it } from 'vitest';
import { precisionRows, type TopicPrecision } from './routing-precision.js';

const topic = (code: string, more: Partial<TopicPrecision>): TopicPrecision => ({ topic: code, state: 'routing', since: null, outcomes: 0, right: 0, precision: null, lowerBound: 0, upperBound: 1, ...more });

describe('the routing precision table, for the administrator', () => {
  it('puts suspended topics first, then the least precise, and topics without outcomes last', () => {
    const rows = precisionRows([
      topic('other', {}),
      topic('roads', { outcomes: 100, right: 99, precision: 0.99, lowerBound: 0.955, upperBound: 0.998 }),
      topic('housing', { state: 'suspended', since: '2026-03-01T10:00:00.000Z', outcomes: 20, right: 16, precision: 0.8, lowerBound: 0.62, upperBound: 0.91 }),
      topic('transport', { outcomes: 50, right: 48, precision: 0.96, lowerBound: 0.88, upperBound: 0.99 }),
    ]);
    expect(rows.map((row) => row.topic)).toEqual(['housing', 'transport', 'roads', 'other']);
  });

  it('says each figure in Russian staff words', () => {
    const [suspended, unmeasured] = precisionRows([
      topic('housing', { state: 'suspended', outcomes: 20, right: 16, precision: 0.8, lowerBound: 0.6235, upperBound: 0.9134 }),
      topic('other', {}),
    ]);
    expect(suspended).toMatchObject({ name: 'ЖКХ и благоустройство', suspended: true, precision: '80,0 %', window: '16 из 20 верно', interval: '62,4–91,3 %' });
    expect(suspended?.state).toMatch(/^Приостановлена/);
    expect(unmeasured).toMatchObject({ suspended: false, state: 'Маршрутизирует модель', precision: 'нет данных', interval: '' });
  });
});
