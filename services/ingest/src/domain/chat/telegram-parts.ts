import type { CitizenNotification } from '@priemnaya/contracts';

/** The Bot API's longest message text. */
export const TELEGRAM_MESSAGE_MAX_LENGTH = 4_096;

/** Said when the answer has files: the Bot API sends no file of ours (they are not in this service's store). */
export const ATTACHMENTS_IN_WRITING = 'Приложенные к ответу документы направлены Вам в письменной форме.';

/**
 * What a Telegram citizen reads for a notification: the message, and for an answer the whole
 * answer under the message's heading (the message holds only the answer's beginning when it is
 * long), with a word on the files when there are any.
 */
export function telegramTextOf(notification: Pick<CitizenNotification, 'kind' | 'message' | 'answer'>): string {
  const { answer, message } = notification;
  if (notification.kind !== 'answered' || answer === undefined) return message;
  // The notifier's answer reads `<heading>:\n\n<answer>`; a shortened one ends with a word on the written copy instead.
  const whole = message.includes(answer.text) ? message : `${message.split('\n\n')[0] ?? message}\n\n${answer.text}`;
  return answer.attachments.length > 0 ? `${whole}\n\n${ATTACHMENTS_IN_WRITING}` : whole;
}

/** Where a part may end, best first: a paragraph, a line, a sentence, a word. */
const BREAKS = [/\n\s*\n/g, /\n/g, /[.!?…»)]\s/g, /\s/g];

/**
 * The text as consecutive messages of at most `max` characters, each ending at the best boundary
 * in its second half (a paragraph, a line, a sentence, a word), or cut at `max` when none is
 * there (never inside a surrogate pair). Joined with the whitespace trimmed at the cuts, the parts
 * are the text.
 */
export function splitForTelegram(text: string, max = TELEGRAM_MESSAGE_MAX_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) parts.push(rest);
  return parts;
}

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const pattern of BREAKS) {
    let best = -1;
    for (const match of window.matchAll(pattern)) {
      // The part ends after the sentence's mark, before the whitespace.
      const end = pattern === BREAKS[2] ? match.index + 1 : match.index;
      if (end <= max && end > 0) best = end;
    }
    if (best >= max / 2) return best;
  }
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}
