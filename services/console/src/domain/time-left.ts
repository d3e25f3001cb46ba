const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long, in Russian staff words: "3 дн. 4 ч", "5 ч 20 мин", "12 мин". */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, milliseconds);
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${days} дн. ${hours} ч` : `${days} дн.`;
  if (hours > 0) return minutes > 0 ? `${hours} ч ${minutes} мин` : `${hours} ч`;
  return `${minutes} мин`;
}

export type Urgency = 'overdue' | 'urgent' | 'soon' | 'calm';

/** The time left to a deadline, as an executor reads it in the inbox. */
export function timeLeft(dueAt: string, now: Date): { text: string; urgency: Urgency } {
  const left = Date.parse(dueAt) - now.getTime();
  if (left <= 0) return { text: `просрочено на ${formatDuration(-left)}`, urgency: 'overdue' };
  return { text: `осталось ${formatDuration(left)}`, urgency: left < DAY ? 'urgent' : left < 3 * DAY ? 'soon' : 'calm' };
}
