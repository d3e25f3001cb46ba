import { z } from 'zod';

/**
 * `toISOString`'s own form: checked by the datetime format first, the one instant text of 24
 * characters that ends in Z has three fractional digits, so it is already normalised.
 */
function isNormalised(value: string): boolean {
  return value.length === 24 && value.endsWith('Z');
}

/**
 * An instant as ISO 8601 text, normalised to UTC with milliseconds (`toISOString`), so that
 * stored timestamps sort as text in time order whatever precision or offset the sender used.
 * Text already in that form is kept as it is: most timestamps are (every one the fleet writes),
 * and re-formatting each of them was a sizeable part of validating a burst of alerts.
 */
export const Timestamp = z.iso
  .datetime({ offset: true })
  .transform((value) => (isNormalised(value) ? value : new Date(value).toISOString()));
export type Timestamp = z.infer<typeof Timestamp>;
