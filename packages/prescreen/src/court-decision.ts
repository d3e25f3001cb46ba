import { plainWords } from './plain-text.js';

/**
 * Art. 11 part 2: an appeal that contests a court decision is returned within 7 days with how
 * to appeal it. Citizens often cite court decisions they want carried out (по решению суда
 * администрация обязана...), so a match needs both a court decision and a word of contesting
 * it near each other; an appeal (апелляция) counts when the citizen means to file one.
 */

/** A court's decision: "решение суда", "судебное решение", "приговор", "определение судьи"... */
const DECISION_WORDS = new Set([
  'решение', 'решения', 'решению', 'решением', 'решении', 'определение', 'определения', 'определением',
  'постановление', 'постановления', 'постановлением',
]);
const COURT_WORDS = new Set(['суд', 'суда', 'судом', 'судьи', 'судьей', 'судебное', 'судебного', 'судебным', 'судебном', 'судебные', 'судебных']);
const VERDICT_WORDS = new Set(['приговор', 'приговора', 'приговору', 'приговором', 'приговоре']);

/** Contesting it, anywhere near: обжаловать, оспорить, прошу отменить, пересмотр, несогласие. */
const CONTEST_STEMS: readonly string[] = ['обжал', 'оспар', 'оспор', 'отменить', 'отмените', 'пересмотр', 'несоглас', 'кассац'];
/**
 * Calling it wrong, only right beside it: "незаконное решение суда" contests the decision, while
 * "решение суда о сносе незаконной постройки" cites one.
 */
const WRONG_STEMS: readonly string[] = ['незаконн', 'неправосуд', 'несправедлив', 'неправомерн'];
const DISAGREE_WORDS = new Set(['согласен', 'согласна', 'согласны', 'согласились']);

/** A first-person intent to file an appeal: хочу подать апелляцию, подаю апелляционную жалобу. */
const APPEAL_STEM = 'апелляц';
const APPEAL_INTENT = new Set(['хочу', 'хотим', 'прошу', 'просим', 'подаю', 'подаем', 'подать', 'подал', 'подала', 'подали', 'помогите', 'как']);
const DISTANCE = 6;

/** True when the text contests a court decision (of any court, civil or criminal). */
export function contestsCourtDecision(text: string): boolean {
  const words = plainWords(text);
  return words.some((word, index) => {
    const near = words.slice(Math.max(0, index - DISTANCE), index + 1 + DISTANCE);
    if (word.startsWith(APPEAL_STEM)) return words.slice(Math.max(0, index - 3), index).some((w) => APPEAL_INTENT.has(w));
    if (!isCourtDecision(words, index)) return false;
    const beside = words.slice(Math.max(0, index - 2), index + 4);
    return near.some((w, at) => startsWithAny(w, CONTEST_STEMS) || (DISAGREE_WORDS.has(w) && near[at - 1] === 'не'))
      || beside.some((w) => startsWithAny(w, WRONG_STEMS));
  });
}

function isCourtDecision(words: readonly string[], index: number): boolean {
  const word = words[index] ?? '';
  if (VERDICT_WORDS.has(word)) return true;
  if (!DECISION_WORDS.has(word)) return false;
  // решение суда, решение районного суда, судебное решение, суд вынес незаконное решение.
  return words.slice(Math.max(0, index - 3), index + 3).some((w) => COURT_WORDS.has(w));
}

function startsWithAny(word: string, stems: readonly string[]): boolean {
  return stems.some((stem) => word.startsWith(stem));
}
