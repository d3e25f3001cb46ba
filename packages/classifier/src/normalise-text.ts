import { decodeHTML } from 'entities';

/**
 * Longer texts are cut: the topic is told in the first pages, and a bound keeps one huge
 * message from stalling a consumer.
 */
export const MAX_TEXT_CHARS = 20_000;

const BLOCKS = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAGS = /<\/?[a-z][^>]*>|<!--[\s\S]*?-->/gi;
const BLOCK_TAGS = /<\/?(p|br|div|li|ul|ol|tr|td|h[1-6])\b[^>]*>/gi;
const URLS = /\b(?:https?:\/\/|www\.)\S+/gi;
const EMAILS = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// Phone numbers in the usual Russian spellings: +7 (4712) 12-34-56, 8-900-123-45-67, 22-33-44.
const PHONES = /(?:\+7|\b8)?[\s(-]*\d{3,5}[\s)-]*\d{1,3}[\s-]?\d{2}[\s-]?\d{2}\b/g;

const URL_HINT = /https?:\/\/|www\./i;
const DIGIT = /\d/;
const ODD_SPACE = /[\u00a0\u2000-\u200b\u202f\u205f\u3000]/;
const ODD_SPACES = /[\u00a0\u2000-\u200b\u202f\u205f\u3000]/g;

/**
 * The text as a reader sees it: HTML tags and entities gone (a paragraph or line break becomes a
 * sentence boundary), URLs, e-mail addresses and phone numbers removed, `ё` folded to `е`.
 * Case is kept: the tokeniser needs it to tell names from ordinary words.
 */
export function normaliseText(raw: string): string {
  let text = raw.length > MAX_TEXT_CHARS ? raw.slice(0, MAX_TEXT_CHARS) : raw;
  if (text.includes('<')) text = stripTags(text);
  if (text.includes('&')) {
    text = decodeHTML(text);
    // Escaped markup (`&lt;p&gt;`) is markup too once decoded.
    if (text.includes('<')) text = stripTags(text);
  }
  // Each pass runs only when its text can be there: most appeals hold no URL, e-mail or odd space.
  if (URL_HINT.test(text)) text = text.replace(URLS, ' ');
  if (text.includes('@')) text = text.replace(EMAILS, ' ');
  if (DIGIT.test(text)) text = text.replace(PHONES, ' ');
  if (text.includes('ё') || text.includes('Ё')) text = text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
  if (ODD_SPACE.test(text)) text = text.replace(ODD_SPACES, ' ');
  return text;
}

function stripTags(text: string): string {
  return text.replace(BLOCKS, ' ').replace(BLOCK_TAGS, '\n').replace(TAGS, ' ');
}
