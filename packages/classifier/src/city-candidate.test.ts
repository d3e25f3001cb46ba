import { type RoutingTopic } from '@priemnaya/contracts';
import { describe, expect, it } from 'vitest';
import { CITY_HELD_OUT_FOLDS, MIN_CITY_EXAMPLES, trainCityCandidate } from './city-candidate.js';
import { SEED_EXAMPLES } from './seed-examples.js';
import { type LabelledAppeal, train } from './train.js';

/** Invented appeals, a phrase of the topic and a place: no person's words. */
const PHRASES: Partial<Record<RoutingTopic, string[]>> = {
  housing: ['не работает отопление в квартире', 'протекает крыша над подъездом', 'нет горячей воды в доме'],
  roads: ['глубокая яма на проезжей части', 'разбит асфальт на дороге', 'не убран снег с тротуара у дороги'],
  transport: ['автобус не приходит по расписанию', 'отменили маршрут троллейбуса', 'переполнены автобусы утром'],
};
const PLACES = ['на улице Ленина', 'на Садовой улице', 'в Заречном районе', 'у школы номер 5', 'возле рынка', 'на проспекте Мира'];

function appeals(count: number, offset = 0): LabelledAppeal[] {
  return Object.entries(PHRASES).flatMap(([topic, phrases]) =>
    Array.from({ length: count }, (_, i) => ({ text: `Прошу помочь: ${phrases[i % phrases.length]} ${PLACES[(i + offset) % PLACES.length]}`, topic: topic as RoutingTopic })),
  );
}

const SMALL = { epochs: 3, averagedRuns: 1, calibrationFolds: 2 };

describe('trainCityCandidate', () => {
  const current = train(SEED_EXAMPLES, { ...SMALL, corpus: 'seeds' });

  it("when the city has enough appeals, compares the current model and the candidate on the same held-out quarter and names the candidate for the city", () => {
    const city = appeals(16, 3);
    const stages: string[] = [];
    const result = trainCityCandidate({ corpus: appeals(20), city, current, embeddings: null, name: 'tula', train: SMALL, onProgress: (m) => stages.push(m) });
    expect(result.model.version).toMatch(/^tula-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/);
    expect(result).toMatchObject({ corpusExamples: 60, cityExamples: 48, heldOutExamples: 48 / CITY_HELD_OUT_FOLDS });
    expect(result.current.version).toBe(current.version);
    expect(result.candidate.version).toBe(result.model.version);
    for (const side of [result.current, result.candidate]) {
      expect(side.evaluation).toMatchObject({ folds: 1, examples: result.heldOutExamples, accuracy: side.accuracy, macroF1: side.macroF1 });
    }
    expect(result.model.evaluation).toEqual(result.candidate.evaluation);
    expect(stages[0]).toBe("48 of the city's appeals: 36 to train on, 12 held out to compare; 60 corpus appeals");
  });

  it('when the city has too few appeals to hold a quarter out, refuses to train', () => {
    const city = appeals(Math.floor((MIN_CITY_EXAMPLES - 1) / 3));
    expect(() => trainCityCandidate({ corpus: appeals(5), city, current, embeddings: null, name: 'tula', train: SMALL })).toThrow(RangeError);
  });
});
