import { COMPLAINT_ADDRESSEE_RULE, type ComplaintAbout, type LawKind, type OutsideAuthority } from '@priemnaya/contracts';

/** Case, spacing, `ё` and punctuation aside, the same name. */
function normalised(name: string): string {
  return name.toLowerCase().replaceAll('ё', 'е').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * Why a complaint may not go to this body, or undefined when it may: 59-FZ ст. 8 ч. 6 forbids
 * sending a complaint to the body or official whose decision or action it contests. The body is
 * recognised by its unit code, or by a name that is the official's as the complaint gives it.
 */
export function contestedBy(lawKind: LawKind | undefined, about: ComplaintAbout | undefined, authority: OutsideAuthority): string | undefined {
  if (lawKind !== 'complaint' || about === undefined) return undefined;
  const byUnit = about.unit !== undefined && authority.unit === about.unit;
  const byName = about.official !== undefined && normalised(about.official) === normalised(authority.name);
  if (!byUnit && !byName) return undefined;
  return `the complaint contests ${byUnit ? `unit ${about.unit ?? ''}` : 'that official'}, and a complaint is never sent to the body or official whose decision or action it contests (${COMPLAINT_ADDRESSEE_RULE}); send it to another competent body, or return it to the citizen (59-ФЗ ст. 8 ч. 7)`;
}
