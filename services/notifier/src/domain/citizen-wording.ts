/**
 * What the citizen reads, in Russian: formal, addressed with a capital «Вы», always naming the
 * registration number so the citizen can tell appeals apart and quote it.
 */

/** The longest message the contract takes; a Telegram message holds 4096 characters. */
export const MESSAGE_MAX_LENGTH = 4_000;

/** `23.11.2026` in the city's time zone. */
export function formatDate(instant: string, timeZone: string): string {
  return new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(instant));
}

/** 1 день, 2 дня, 5 дней, 11 дней, 21 день. */
export function daysInRussian(days: number): string {
  const lastTwo = days % 100;
  const last = days % 10;
  if (lastTwo >= 11 && lastTwo <= 14) return `${days} дней`;
  if (last === 1) return `${days} день`;
  if (last >= 2 && last <= 4) return `${days} дня`;
  return `${days} дней`;
}

export function registeredMessage(registrationNumber: string, registeredOn: string): string {
  return `Ваше обращение № ${registrationNumber} зарегистрировано ${registeredOn}. О ходе его рассмотрения мы сообщим Вам дополнительно.`;
}

export function forwardedMessage(registrationNumber: string, registeredOn: string, authority: string): string {
  return (
    `Ваше обращение № ${registrationNumber} от ${registeredOn} направлено по компетенции для рассмотрения: ${authority}. ` +
    'Ответ на него Вам даст этот орган (часть 3 статьи 8 Федерального закона № 59-ФЗ).'
  );
}

export function extendedMessage(registrationNumber: string, registeredOn: string, days: number, newDueOn?: string): string {
  const until = newDueOn === undefined ? '' : `, до ${newDueOn}`;
  return (
    `Срок рассмотрения Вашего обращения № ${registrationNumber} от ${registeredOn} продлён на ${daysInRussian(days)}${until} ` +
    '(часть 2 статьи 12 Федерального закона № 59-ФЗ). Приносим извинения за задержку.'
  );
}

/**
 * The answer's text within the message; when it does not fit, its beginning, and where the rest
 * is: the chat widget and the Telegram bot deliver the whole answer (the notification's `answer`)
 * beside or after the message; the other channels answer in writing.
 */
export function answeredMessage(registrationNumber: string, registeredOn: string, answerText: string, wholeInChannel = false): string {
  const heading = `Дан ответ на Ваше обращение № ${registrationNumber} от ${registeredOn}:\n\n`;
  const whole = `${heading}${answerText}`;
  if (whole.length <= MESSAGE_MAX_LENGTH) return whole;
  const tail = wholeInChannel ? '…\n\nПолный текст ответа приведён ниже.' : '…\n\nПолный текст ответа направлен Вам в письменной форме.';
  return `${heading}${answerText.slice(0, MESSAGE_MAX_LENGTH - heading.length - tail.length).trimEnd()}${tail}`;
}
