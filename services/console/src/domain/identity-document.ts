import type { IdentityDocumentKind } from '@priemnaya/contracts';

/** The kinds of identity document as the operator picks them. Pure data: the web application bundles it. */
export const IDENTITY_DOCUMENT_NAMES: Readonly<Record<IdentityDocumentKind, string>> = {
  'passport-rf': 'Паспорт гражданина РФ',
  'temporary-identity-card-rf': 'Временное удостоверение личности гражданина РФ',
  'international-passport-rf': 'Заграничный паспорт гражданина РФ',
  'military-id': 'Военный билет',
  'foreign-passport': 'Паспорт иностранного гражданина',
  'residence-permit': 'Вид на жительство',
  'refugee-certificate': 'Удостоверение беженца',
  other: 'Иной документ',
};

/**
 * The series and number as staff see them once the card is registered: every letter and digit
 * hidden but the last four (the last two of a short number), so the number can be checked
 * against the document without showing it whole over an operator's shoulder.
 */
export function maskedSeriesNumber(seriesNumber: string): string {
  const characters = [...seriesNumber.trim()];
  const significant = characters.filter((character) => /[\p{L}\p{N}]/u.test(character)).length;
  let shown = significant >= 8 ? 4 : 2;
  const kept = characters
    .reverse()
    .map((character) => {
      if (!/[\p{L}\p{N}]/u.test(character)) return character;
      if (shown > 0) {
        shown -= 1;
        return character;
      }
      return '•';
    })
    .reverse();
  return kept.join('');
}
