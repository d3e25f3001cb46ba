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

/** `2027-05-11` (a date of the city's calendar, no zone to apply) as `11.05.2027`. */
export function formatLocalDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${day}.${month}.${year}`;
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

/** `partial`: only some questions went; the rest is answered here (part 4 of art. 8). */
export function forwardedMessage(registrationNumber: string, registeredOn: string, authority: string, partial = false): string {
  if (partial) {
    return (
      `Часть вопросов Вашего обращения № ${registrationNumber} от ${registeredOn} направлена по компетенции для рассмотрения: ${authority}. ` +
      'Ответ на эти вопросы Вам даст соответствующий орган, на остальные вопросы ответим мы (части 3 и 4 статьи 8 Федерального закона № 59-ФЗ).'
    );
  }
  return (
    `Ваше обращение № ${registrationNumber} от ${registeredOn} направлено по компетенции для рассмотрения: ${authority}. ` +
    'Ответ на него Вам даст этот орган (часть 3 статьи 8 Федерального закона № 59-ФЗ).'
  );
}

/** Part 7 of art. 8: the complaint comes back with the explanation of the right to go to court. */
export function returnedComplaintMessage(registrationNumber: string, registeredOn: string): string {
  return (
    `Ваша жалоба № ${registrationNumber} от ${registeredOn} возвращается Вам. ` +
    'Жалобу нельзя направить на рассмотрение в орган или должностному лицу, решение или действие (бездействие) которых в ней обжалуется ' +
    '(часть 6 статьи 8 Федерального закона № 59-ФЗ), а иного органа, в компетенцию которого входит решение поставленных вопросов, нет. ' +
    'Вы вправе обжаловать это решение или действие (бездействие) в установленном порядке в суд (часть 7 статьи 8 Федерального закона № 59-ФЗ).'
  );
}

/** Part 5 of art. 11: the head's decision to end the correspondence on a question answered before. */
export function correspondenceEndedMessage(registrationNumber: string, registeredOn: string): string {
  return (
    `Уведомляем Вас, что по Вашему обращению № ${registrationNumber} от ${registeredOn} принято решение о безосновательности ` +
    'очередного обращения и прекращении переписки с Вами по данному вопросу: на него Вам ранее неоднократно давались письменные ответы ' +
    'по существу, а в обращении не приводятся новые доводы или обстоятельства (часть 5 статьи 11 Федерального закона № 59-ФЗ).'
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
