import { randomUUID } from 'node:crypto';
import { ScreeningFinding } from '@priemnaya/contracts';
import { DEFAULT_SCREENING_POLICY, textSignature } from '@priemnaya/prescreen';
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

describe('createPreScreen', () => {
  it('when the person has written the same many times, the repeat finding carries the closest few and still fits the appeal', async () => {
    const now = new Date('2026-11-22T10:00:00Z');
    const earlier = Array.from({ length: 35 }, (_, i) => ({
      appealId: randomUUID(),
      receivedAt: new Date(now.getTime() - (i + 1) * 60_000),
      signature: textSignature(TEXT),
    }));
    const preScreen = createPreScreen({ findByPerson: async () => earlier, policy: DEFAULT_SCREENING_POLICY });

    const { findings, index } = await preScreen(intake, now);

    const repeat = findings.find((finding) => finding.flag === 'repeat');
    expect(repeat?.relatedAppealIds).toHaveLength(MAX_RELATED_APPEALS);
    for (const finding of findings) expect(ScreeningFinding.safeParse(finding).success).toBe(true);
    expect(index.personKeys).toContain('email:elena@example.org');
  });
});
