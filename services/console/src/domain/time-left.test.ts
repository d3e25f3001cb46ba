import { describe, expect, it } from 'vitest';
import { formatDuration, timeLeft } from './time-left.js';

const NOW = new Date('2026-11-23T09:00:00.000Z');
const after = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const H = 3_600_000;

describe('time left to a deadline', () => {
  it('shows days and hours when a day or more is left', () => {
    expect(timeLeft(after(3 * 24 * H + 4 * H + 59 * 60_000), NOW)).toEqual({ text: 'осталось 3 дн. 4 ч', urgency: 'calm' });
    expect(timeLeft(after(2 * 24 * H), NOW)).toEqual({ text: 'осталось 2 дн.', urgency: 'soon' });
  });

  it('shows hours and minutes on the last day, as urgent', () => {
    expect(timeLeft(after(5 * H + 20 * 60_000), NOW)).toEqual({ text: 'осталось 5 ч 20 мин', urgency: 'urgent' });
    expect(timeLeft(after(12 * 60_000 + 30_000), NOW)).toEqual({ text: 'осталось 12 мин', urgency: 'urgent' });
  });

  it('says by how much a passed deadline is overdue, the deadline instant itself included', () => {
    expect(timeLeft(after(-(26 * H)), NOW)).toEqual({ text: 'просрочено на 1 дн. 2 ч', urgency: 'overdue' });
    expect(timeLeft(after(0), NOW)).toEqual({ text: 'просрочено на 0 мин', urgency: 'overdue' });
  });

  it('never shows a negative duration', () => {
    expect(formatDuration(-5 * H)).toBe('0 мин');
  });
});
