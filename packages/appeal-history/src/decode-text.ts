import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1251' | 'utf-16le' | 'utf-16be';

export type DecodedText =
  | { ok: true; text: string; encoding: TextEncoding }
  | { ok: false; line: number; message: string };

/** Below these shares a non-UTF-8 file is not taken for Russian text in Windows-1251. */
const MIN_CYRILLIC_SHARE_OF_LETTERS = 0.5;
/** KOI8-R read as Windows-1251 comes out mostly in capitals; real appeals are mostly lower case. */
const MIN_LOWER_CASE_SHARE_OF_CYRILLIC = 0.3;

/**
 * The text of an export: a byte order mark decides (UTF-8, UTF-16 LE or BE); else valid UTF-8 is
 * UTF-8; else Windows-1251 if it reads as mostly Cyrillic, mostly lower-case text. Line endings
 * come out as `\n`.
 */
export function decodeText(bytes: Buffer): DecodedText {
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return decoded;
  const nul = decoded.text.indexOf('\u0000');
  if (nul >= 0) {
    return {
      ok: false,
      line: lineAt(decoded.text, nul),
      message: 'the file holds NUL characters: UTF-16 without a byte order mark, or not a text file; save it as UTF-8 CSV',
    };
  }
  return { ...decoded, text: decoded.text.replace(/\r\n?/g, '\n') };
}

function decodeBytes(bytes: Buffer): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return utf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { ok: true, text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  const asUtf8 = utf8(bytes);
  if (asUtf8.ok) return asUtf8;
  const asCp1251 = iconv.decode(bytes, 'win1251');
  if (looksRussian(asCp1251)) return { ok: true, text: asCp1251, encoding: 'windows-1251' };
  return {
    ok: false,
    line: asUtf8.line,
    message: 'not UTF-8 (an invalid byte on this line) and not Russian text in Windows-1251; save the export as UTF-8',
  };
}

function utf8(bytes: Buffer): DecodedText {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    return { ok: false, line: lineAt(lenient, lenient.indexOf('\uFFFD')), message: 'not valid UTF-8' };
  }
}

function looksRussian(text: string): boolean {
  if (text.includes('\uFFFD')) return false;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  const lowerCyrillic = text.match(/[а-яё]/gu)?.length ?? 0;
  return (
    cyrillic > 0 &&
    cyrillic >= letters * MIN_CYRILLIC_SHARE_OF_LETTERS &&
    lowerCyrillic >= cyrillic * MIN_LOWER_CASE_SHARE_OF_CYRILLIC
  );
}

export function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/** The 1-based line of a character offset, as an editor shows it. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
