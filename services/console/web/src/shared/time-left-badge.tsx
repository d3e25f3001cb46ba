import { timeLeft } from '../../../src/domain/time-left.js';
import { dateTime } from './format.js';

/** The time left to a deadline, always shown, coloured by urgency; `estimated` until the registry has the exact one. */
export function TimeLeft({ dueAt, now, estimated = false }: { dueAt: string | undefined; now: Date; estimated?: boolean }) {
  if (dueAt === undefined) return <span className="time-left time-left--unknown">срок уточняется</span>;
  const left = timeLeft(dueAt, now);
  return (
    <span className={`time-left time-left--${left.urgency}`} title={`Срок ответа: ${dateTime(dueAt)}${estimated ? ' (оценка: 30 дней с регистрации)' : ''}`} data-testid="time-left">
      {estimated ? '≈ ' : ''}
      {left.text}
    </span>
  );
}
