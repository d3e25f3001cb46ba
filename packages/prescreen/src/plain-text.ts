/**
 * Text as the citizen sees it: web forms and the portal send HTML, chat sends plain text. Every
 * check works on the same plain, case-folded text so that markup never counts as words.
 */

const NAMED_ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
};

/** Removes tags, script and style bodies and comments, and decodes the common entities. */
export function toPlainText(text: string): string {
  return text
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/giu, ' ')
    .replace(/<!--[\s\S]*?-->/gu, ' ')
    .replace(/<\/?[a-z][^>]*>/giu, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (entity: string, body: string) => decodeEntity(body) ?? entity);
}

function decodeEntity(body: string): string | undefined {
  const lower = body.toLowerCase();
  if (lower.startsWith('#')) {
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
    // An invalid code point would throw; such an entity is left as written.
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[lower];
}

/** Lower case with ё folded to е: citizens write both, and neither should change a match. */
export function foldCase(text: string): string {
  return text.toLowerCase().replace(/ё/gu, 'е');
}

/** Words of letters and digits of the plain, folded text, in order. */
export function plainWords(text: string): string[] {
  return foldCase(toPlainText(text)).match(/[\p{L}\p{N}]+/gu) ?? [];
}
