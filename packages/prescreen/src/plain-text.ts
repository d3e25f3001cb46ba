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

/**
 * Removes tags, script and style bodies and comments, and decodes the common entities. Linear in
 * the text's length whatever it holds: a tag cannot contain `<`, and a block whose end is missing
 * ends the search for that kind of block (a text of `<a<a<a…` or `<style <style…` must not cost
 * seconds of a replica's event loop).
 */
export function toPlainText(text: string): string {
  return dropBlocks(dropBlocks(dropBlocks(text, /<script\b[^<>]*>/giu, '</script'), /<style\b[^<>]*>/giu, '</style'), /<!--/gu, '-->')
    .replace(/<\/?[a-z][^<>]*>/giu, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/giu, (entity: string, body: string) => decodeEntity(body) ?? entity);
}

/** Cuts each block from an opening match to its closing text, scanning each character once. */
function dropBlocks(text: string, opening: RegExp, closing: string): string {
  const lower = text.toLowerCase();
  let result = '';
  let from = 0;
  opening.lastIndex = 0;
  for (let match = opening.exec(text); match; match = opening.exec(text)) {
    const end = lower.indexOf(closing, opening.lastIndex);
    if (end < 0) break;
    const after = text.indexOf('>', end);
    result += `${text.slice(from, match.index)} `;
    from = after < 0 ? text.length : after + 1;
    opening.lastIndex = from;
  }
  return result + text.slice(from);
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
