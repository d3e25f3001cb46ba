import { z } from 'zod';

/** The administration's registration number: a zero-padded sequence within the year, `NNNNN/YYYY`. */
export const RegistrationNumber = z.string().regex(/^\d{5,}\/\d{4}$/, 'must look like 00042/2026');
export type RegistrationNumber = z.infer<typeof RegistrationNumber>;

export function formatRegistrationNumber(sequence: number, year: number): RegistrationNumber {
  if (!Number.isSafeInteger(sequence) || sequence < 1) {
    throw new RangeError(`registration sequence must be a positive integer, got ${sequence}`);
  }
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`registration year must have four digits, got ${year}`);
  }
  return `${String(sequence).padStart(5, '0')}/${year}`;
}

export function parseRegistrationNumber(value: string): { sequence: number; year: number } {
  const match = /^(\d{5,})\/(\d{4})$/.exec(value);
  if (!match?.[1] || !match[2]) {
    throw new RangeError(`not a registration number: ${JSON.stringify(value)}`);
  }
  return { sequence: Number(match[1]), year: Number(match[2]) };
}
