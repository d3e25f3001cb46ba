import { randomUUID } from 'node:crypto';
import { textSignature } from '@priemnaya/prescreen';
import { describe, expect, it } from 'vitest';
import { createPersonWindow, type PersonAppeal } from './person-window.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

function anAppeal(daysAgo: number): PersonAppeal {
  return {
    appealId: randomUUID(),
    registrationNumber: '00001/2026',
    channel: 'site',
    receivedAt: new Date(NOW.getTime() - daysAgo * DAY),
    signature: textSignature('Сломаны качели на детской площадке'),
  };
}

describe('createPersonWindow', () => {
  it('answers newest first across keys, each appeal once, within since and limit', () => {
    const window = createPersonWindow({ windowMs: 90 * DAY, clock: () => NOW });
    const [old, middle, recent] = [anAppeal(30), anAppeal(10), anAppeal(1)];
    for (const appeal of [middle, recent, old]) window.add(['phone:+79160000001', 'email:a@example.org'], appeal);

    expect(window.recent(['phone:+79160000001', 'email:a@example.org'], { limit: 10 }).map((a) => a.appealId)).toEqual([
      recent.appealId,
      middle.appealId,
      old.appealId,
    ]);
    expect(window.recent(['email:a@example.org'], { since: new Date(NOW.getTime() - 20 * DAY), limit: 10 })).toEqual([recent, middle]);
    expect(window.recent(['email:a@example.org'], { limit: 1 })).toEqual([recent]);
    expect(window.recent(['phone:+79990000000'], { limit: 10 })).toEqual([]);
  });

  it('keeps a redelivered appeal once', () => {
    const window = createPersonWindow({ windowMs: 90 * DAY, clock: () => NOW });
    const appeal = anAppeal(1);
    window.add(['phone:+79160000002'], appeal);
    window.add(['phone:+79160000002'], { ...appeal });
    expect(window.recent(['phone:+79160000002'], { limit: 10 })).toHaveLength(1);
  });

  it('forgets what falls out of the window, and never takes what is already outside it', () => {
    let now = NOW;
    const window = createPersonWindow({ windowMs: 90 * DAY, clock: () => now });
    const aging = anAppeal(80);
    window.add(['phone:+79160000003'], aging);
    window.add(['phone:+79160000003'], anAppeal(100));
    expect(window.recent(['phone:+79160000003'], { limit: 10 })).toEqual([aging]);

    now = new Date(NOW.getTime() + 20 * DAY);
    window.add(['phone:+79160000004'], anAppeal(0));
    expect(window.recent(['phone:+79160000003'], { limit: 10 })).toEqual([]);
    expect(window.size()).toBe(1);
  });

  it('keeps at most the newest appeals of one key', () => {
    const window = createPersonWindow({ windowMs: 90 * DAY, clock: () => NOW, maxPerKey: 3 });
    const appeals = [5, 4, 3, 2, 1].map(anAppeal);
    for (const appeal of appeals) window.add(['name:иванов|иван'], appeal);
    expect(window.recent(['name:иванов|иван'], { limit: 10 }).map((a) => a.appealId)).toEqual(appeals.slice(2).reverse().map((a) => a.appealId));
  });

  it('59-ФЗ ст. 11 ч. 5: knows which appeals were answered on the merits, the first answer standing, whichever arrived first', () => {
    const window = createPersonWindow({ windowMs: 90 * DAY, clock: () => NOW });
    const [answered, open] = [anAppeal(20), anAppeal(5)];
    const firstAnswer = new Date(NOW.getTime() - 10 * DAY);
    // On start the answers are read from their own topic and may come before the appeal.
    window.recordAnswerInSubstance(answered.appealId, firstAnswer);
    window.add(['email:b@example.org'], answered);
    window.add(['email:b@example.org'], open);
    window.recordAnswerInSubstance(answered.appealId, new Date(NOW.getTime() - 2 * DAY));

    expect(window.recent(['email:b@example.org'], { limit: 10 })).toEqual([open, { ...answered, answeredInSubstanceAt: firstAnswer }]);
  });
});
