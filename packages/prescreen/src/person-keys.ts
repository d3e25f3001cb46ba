import { foldCase } from './plain-text.js';

/** The author as the pre-screen sees them; every field is optional because channels differ. */
export interface ScreenedAuthor {
  surname?: string;
  firstName?: string;
  patronymic?: string;
  email?: string;
  phone?: string;
  postalAddress?: string;
}

const MIN_PHONE_DIGITS = 10;
const MAX_PHONE_DIGITS = 15; // E.164

/**
 * Keys under which the same person is found again across channels: one per phone, e-mail and
 * form of the name. Two appeals share a person when they share any key. Keys are prefixed by
 * their kind, so a digit string in a name can never equal a phone.
 */
export function personKeys(author: ScreenedAuthor): string[] {
  const keys: string[] = [];
  const phone = author.phone === undefined ? undefined : normalisePhone(author.phone);
  if (phone !== undefined) keys.push(`phone:${phone}`);
  const email = author.email === undefined ? undefined : normaliseEmail(author.email);
  if (email !== undefined) keys.push(`email:${email}`);
  keys.push(...nameKeys(author).map((key) => `name:${key}`));
  return [...new Set(keys)];
}

/**
 * +7XXXXXXXXXX for Russian numbers written as 8..., 7..., +7... or the ten digits alone;
 * `+` and the digits for foreign numbers written with `+` or 00. Undefined for anything shorter
 * than ten digits: a local number without its area code does not identify a person.
 */
export function normalisePhone(phone: string): string | undefined {
  const trimmed = phone.trim();
  const international = trimmed.startsWith('+') || trimmed.startsWith('00');
  let digits = trimmed.replace(/\D/gu, '');
  if (trimmed.startsWith('00')) digits = digits.slice(2);
  if (!international) {
    if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) digits = `7${digits.slice(1)}`;
    else if (digits.length === 10) digits = `7${digits}`;
    else return undefined;
  }
  if (digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) return undefined;
  return `+${digits}`;
}

/** Trimmed and lower-cased; undefined unless it has something on both sides of one `@`. */
export function normaliseEmail(email: string): string | undefined {
  const normal = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+$/u.test(normal) ? normal : undefined;
}

/**
 * Name keys need the surname and the first name: a surname alone is shared by too many people.
 * Besides the name as written, a full name also yields the form without the patronymic (chat
 * visitors often leave it out) and, with a patronymic, the initials form (Иванов И. И.), so
 * each of those finds the full name again.
 */
function nameKeys(author: ScreenedAuthor): string[] {
  const surname = normaliseNamePart(author.surname);
  const first = normaliseNamePart(author.firstName);
  const patronymic = normaliseNamePart(author.patronymic);
  if (surname === undefined || first === undefined) return [];
  const asWritten = [surname, first, ...(patronymic === undefined ? [] : [patronymic])].join('|');
  const keys = [asWritten];
  if (patronymic !== undefined && [...first].length > 1) {
    keys.push(`${surname}|${first}`);
    keys.push(`${surname}|${initial(first)}|${initial(patronymic)}`);
  }
  return keys;
}

/** Lower case, ё as е, no dots of initials, inner spaces around hyphens dropped. */
function normaliseNamePart(part: string | undefined): string | undefined {
  if (part === undefined) return undefined;
  const normal = foldCase(part).replace(/\./gu, ' ').replace(/\s*-\s*/gu, '-').replace(/\s+/gu, ' ').trim();
  return normal === '' ? undefined : normal;
}

function initial(part: string): string {
  return [...part][0] ?? part;
}
