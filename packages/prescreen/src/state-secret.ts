import { plainWords } from './plain-text.js';

/**
 * Art. 11 part 6: when the answer on the merits cannot be given without disclosing a state
 * secret or another secret protected by federal law, the citizen is told that it cannot be
 * given. The signs are the words of secrecy themselves; "секретный" alone (секретный код
 * домофона) is not one, it needs a noun of information beside it.
 */

/** Matched on the folded words joined by single spaces. */
const SECRET_PHRASES: readonly RegExp[] = [
  /(?:^| )государственн\p{L}* тайн/u,
  /(?:^| )военн\p{L}* тайн/u,
  /(?:^| )гостайн/u,
  /(?:^| )составляющ\p{L}* (?:государственн\p{L}* )?тайн/u,
  /(?:^| )(?:совершенно )?секретн\p{L}* (?:сведени|данн|документ|информаци|материал|приказ|объект)/u,
  /(?:^| )(?:сведени|данн|документ|информаци)\p{L}* (?:с грифом|под грифом)/u,
  /(?:^| )гриф\p{L}* (?:секретн|совершенно|особой важности|для служебного)/u,
  /(?:^| )засекречен\p{L}* (?:сведени|данн|документ|информаци|объект)/u,
  /(?:^| )допуск\p{L}* к (?:государственн\p{L}* тайн|гостайн|секретн)/u,
];

/** True when the question touches information classified as a state secret. */
export function touchesStateSecret(text: string): boolean {
  const joined = plainWords(text).join(' ');
  return SECRET_PHRASES.some((phrase) => phrase.test(joined));
}
