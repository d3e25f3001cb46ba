import { randomUUID } from 'node:crypto';
import { ScreeningFinding } from '@priemnaya/contracts';
import { DEFAULT_SCREENING_POLICY, indexPublishedAnswers, textSignature } from '@priemnaya/prescreen';
import { describe, expect, it } from 'vitest';
import { createPreScreen, MAX_RELATED_APPEALS } from './pre-screen.js';
import type { AppealIntake } from './submit-appeal.js';

const TEXT = 'Во дворе дома 7 по улице Садовой сломаны качели на детской площадке, прошу отремонтировать.';
const intake: AppealIntake = {
  channel: 'site',
  kind: 'appeal',
  author: { name: 'Воронцова Елена Андреевна', email: 'elena@example.org' },
  text: TEXT,
  attachments: [],
  raw: { format: 'json', body: {} },
};
const NOW = new Date('2026-11-22T10:00:00Z');
const minutesBefore = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe('createPreScreen', () => {
  it('59-ФЗ ст. 11 ч. 5: when the person was answered on the merits many times, the repeat finding carries the closest few and still fits the appeal', async () => {
    const earlier = Array.from({ length: 35 }, (_, i) => ({
      appealId: randomUUID(),
      receivedAt: minutesBefore(2 * i + 2),
      signature: textSignature(TEXT),
      answeredInSubstanceAt: minutesBefore(2 * i + 1),
    }));
    const preScreen = createPreScreen({ findByPerson: async () => earlier, policy: DEFAULT_SCREENING_POLICY });

    const { findings, index, similarAppealIds } = await preScreen(intake, NOW);

    const repeat = findings.find((finding) => finding.flag === 'repeat');
    expect(repeat?.relatedAppealIds).toHaveLength(MAX_RELATED_APPEALS);
    expect(repeat?.basis).toBe('59-ФЗ ст. 11 ч. 5');
    expect(similarAppealIds).toHaveLength(MAX_RELATED_APPEALS);
    for (const finding of findings) expect(ScreeningFinding.safeParse(finding).success).toBe(true);
    expect(index.personKeys).toContain('email:elena@example.org');
  });

  it('names similar appeals not yet answered for the desk, without an art. 11 repeat', async () => {
    const open = { appealId: randomUUID(), receivedAt: minutesBefore(60), signature: textSignature(TEXT) };
    const preScreen = createPreScreen({ findByPerson: async () => [open], policy: DEFAULT_SCREENING_POLICY });

    const { findings, similarAppealIds } = await preScreen(intake, NOW);

    expect(findings).toEqual([]);
    expect(similarAppealIds).toEqual([open.appealId]);
  });

  it('59-ФЗ ст. 11 ч. 5.1: screens against the published answers it is given', async () => {
    const publishedAnswers = indexPublishedAnswers([{
      id: 'playgrounds',
      url: 'https://admin.example.ru/otvety/detskie-ploshchadki',
      title: 'Ремонт детских площадок',
      keywords: ['сломаны качели', 'ремонт детской площадки'],
    }]);
    const preScreen = createPreScreen({ findByPerson: async () => [], publishedAnswers, policy: DEFAULT_SCREENING_POLICY });

    const { findings } = await preScreen(intake, NOW);

    expect(findings).toEqual([{
      flag: 'answer-published',
      reason: 'the answer is published on the site: https://admin.example.ru/otvety/detskie-ploshchadki',
      basis: '59-ФЗ ст. 11 ч. 5.1',
    }]);
  });
});
