import { z } from 'zod';
import { plainWords } from './plain-text.js';
import type { ScreeningPolicy } from './screening-policy.js';

/**
 * Art. 11 part 5.1: when the answer to the appeal's question is already published on the
 * official site (art. 10 part 4), the citizen is given the page's address within 7 days. The
 * list of published answers is kept by an administrator; each is matched by the overlap of its
 * content stems (from its keywords when given, else its title and text) with the appeal's.
 */

export const PublishedAnswer = z.strictObject({
  /** Stable, for staff tools and the related finding. */
  id: z.string().trim().min(1, 'must not be empty').max(100),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) address of the page' }).max(200),
  title: z.string().trim().min(1, 'must not be empty').max(500),
  /** The question and answer as published; used when there are no keywords. */
  text: z.string().trim().min(1, 'must not be empty').max(50_000).optional(),
  /** Phrases that say what the question is about; when given, they alone are matched. */
  keywords: z.array(z.string().trim().min(1, 'must not be empty').max(200)).min(1).max(50).optional(),
}).refine((answer) => answer.text !== undefined || answer.keywords !== undefined, {
  error: 'needs text or keywords to be matched by',
  path: ['text'],
});
export type PublishedAnswer = z.infer<typeof PublishedAnswer>;

export const PublishedAnswers = z.array(PublishedAnswer).max(10_000).superRefine((answers, context) => {
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    if (seen.has(answer.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id ${answer.id}` });
    seen.add(answer.id);
  });
});

/** A published answer ready to be matched: its stems are computed once, at load. */
export interface IndexedPublishedAnswer {
  readonly id: string;
  readonly url: string;
  readonly stems: ReadonlySet<string>;
}

/** Validates the administrator's list; the error names the entry and the field. */
export function indexPublishedAnswers(list: unknown): IndexedPublishedAnswer[] {
  const parsed = PublishedAnswers.safeParse(list);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`published answers: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data.map((answer) => ({
    id: answer.id,
    url: answer.url,
    stems: contentStems(answer.keywords?.join(' ') ?? `${answer.title} ${answer.text ?? ''}`),
  }));
}

export interface PublishedMatch {
  answer: IndexedPublishedAnswer;
  overlap: number;
}

/**
 * The published answers the appeal asks about, best first. The overlap is the share of the
 * smaller stem set found in the other: a short keyword list is matched by the appeal holding
 * most of it, a long published text by holding most of the appeal.
 */
export function matchPublishedAnswers(text: string, answers: readonly IndexedPublishedAnswer[], policy: ScreeningPolicy): PublishedMatch[] {
  const stems = contentStems(text);
  if (stems.size === 0) return [];
  return answers
    .map((answer) => {
      const common = [...answer.stems].filter((stem) => stems.has(stem)).length;
      const smaller = Math.min(stems.size, answer.stems.size);
      return { answer, common, overlap: smaller === 0 ? 0 : common / smaller };
    })
    .filter(({ common, overlap }) => common >= policy.publishedAnswerMinCommonStems && overlap >= policy.publishedAnswerMinOverlap)
    .sort((a, b) => b.overlap - a.overlap || a.answer.id.localeCompare(b.answer.id))
    .map(({ answer, overlap }) => ({ answer, overlap }));
}

/** Words that carry no matter: function words, courtesy, question words. */
const STOP_WORDS = new Set([
  'и', 'в', 'во', 'на', 'не', 'ни', 'что', 'как', 'с', 'со', 'к', 'ко', 'по', 'о', 'об', 'от', 'до',
  'из', 'за', 'у', 'а', 'но', 'же', 'ли', 'бы', 'то', 'это', 'так', 'уже', 'еще', 'для', 'при', 'или',
  'я', 'мы', 'вы', 'он', 'она', 'они', 'мне', 'нам', 'вас', 'нас', 'наш', 'мой', 'его', 'ее', 'их',
  'когда', 'почему', 'зачем', 'где', 'куда', 'какой', 'какие', 'какая', 'каком', 'сколько', 'будет',
  'будут', 'ли', 'можно', 'нужно', 'ли', 'здравствуйте', 'прошу', 'просим', 'пожалуйста', 'спасибо',
  'подскажите', 'скажите', 'сообщите', 'разъясните', 'вопрос', 'году', 'год', 'года',
]);
// Cut at five letters as text-signature.ts does; shorter words here also drop their
// ending vowel so that воду, воды and вода meet.
const STEM_LENGTH = 5;

function contentStems(text: string): Set<string> {
  return new Set(
    plainWords(text)
      .filter((word) => !STOP_WORDS.has(word) && !/^\p{N}+$/u.test(word))
      .map((word) => ([...word].length > STEM_LENGTH ? [...word].slice(0, STEM_LENGTH).join('') : word.replace(/(?<=\p{L}{2})[аеиоуыэюяйь]$/u, ''))),
  );
}
