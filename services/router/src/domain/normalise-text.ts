/**
 * Lower-cased words of an appeal's text: HTML tags and entities gone, `ё` folded into `е`,
 * anything that is not a letter or digit a separator.
 */
export function words(text: string): string[] {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[a-z]+;|&#\d+;/gi, ' ')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}
