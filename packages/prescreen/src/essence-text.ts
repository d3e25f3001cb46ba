import { plainWords } from './plain-text.js';
import type { ScreeningPolicy } from './screening-policy.js';
import { isKeyboardMash, isWordLike } from './unreadable-text.js';

/**
 * Art. 11 part 4.1: a readable text whose essence cannot be determined is not answered, and
 * the citizen is told within 7 days. The mechanical sign is a text of greetings, courtesy and
 * bare requests with nothing to act on ("Здравствуйте, помогите, пожалуйста!"); whether a longer
 * text states a matter is left to a person.
 */

/** Words that carry no matter of their own: greetings, courtesy, bare requests, pronouns. */
const FILLER_WORDS = new Set([
  'здравствуйте', 'здравствуй', 'привет', 'добрый', 'доброе', 'день', 'утро', 'вечер', 'уважаемый',
  'уважаемая', 'уважаемые', 'спасибо', 'благодарю', 'заранее', 'пожалуйста', 'прошу', 'просим',
  'помогите', 'помочь', 'разберитесь', 'разобраться', 'примите', 'принять', 'меры', 'срочно',
  'очень', 'это', 'вот', 'так', 'как', 'что', 'все', 'всё', 'уже', 'еще', 'опять', 'снова',
  'нам', 'нас', 'мне', 'меня', 'мы', 'вы', 'вас', 'вам', 'они', 'их', 'его', 'ее', 'он', 'она',
  'администрация', 'администрации', 'глава', 'главе', 'города', 'город', 'обращение', 'обращаюсь',
  'сделайте', 'сделать', 'нибудь', 'что-нибудь', 'ну', 'ок', 'да', 'нет', 'алло', 'тест', 'проверка',
]);

/** The reason the essence cannot be determined, or undefined when there is something to act on. */
export function noQuestionReason(text: string, policy: ScreeningPolicy): string | undefined {
  const meaningful = plainWords(text).filter((word) => isWordLike(word) && !isKeyboardMash(word) && !FILLER_WORDS.has(word)).length;
  if (meaningful < policy.minMeaningfulWords) return `text has ${meaningful} meaningful words, fewer than ${policy.minMeaningfulWords}`;
  return undefined;
}
