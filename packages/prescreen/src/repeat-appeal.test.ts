import { describe, expect, it } from 'vitest';
import { similarEarlierAppeals } from './repeat-appeal.js';
import { DEFAULT_SCREENING_POLICY } from './screening-policy.js';
import { textSignature } from './text-signature.js';

const LIGHTS = 'Во дворе дома 14 по улице Сиреневой уже неделю не горят фонари, вечером темно.';
const ROAD = 'Прошу отремонтировать дорогу на улице Заводской у школы номер 3, огромные ямы.';
const NOW = new Date('2026-03-01T10:00:00Z');
const daysBefore = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000);

describe('similarEarlierAppeals (the desk warns of an open appeal on the same matter)', () => {
  it('lists the earlier appeals on the same matter, answered or not, within the look-back, never this one', () => {
    const earlier = [
      { appealId: 'open', receivedAt: daysBefore(3), signature: textSignature(LIGHTS) },
      { appealId: 'answered', receivedAt: daysBefore(60), signature: textSignature(LIGHTS), answeredInSubstanceAt: daysBefore(40) },
      { appealId: 'road', receivedAt: daysBefore(2), signature: textSignature(ROAD) },
      { appealId: 'old', receivedAt: daysBefore(400), signature: textSignature(LIGHTS) },
      { appealId: 'self', receivedAt: NOW, signature: textSignature(LIGHTS) },
    ];
    expect(similarEarlierAppeals({ appealId: 'self', text: LIGHTS, receivedAt: NOW, earlier }, DEFAULT_SCREENING_POLICY)).toEqual(['open', 'answered']);
  });
});
