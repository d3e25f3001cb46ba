import { z } from 'zod';

/**
 * An instant as ISO 8601 text, normalised to UTC with milliseconds (`toISOString`), so that
 * stored timestamps sort as text in time order whatever precision or offset the sender used.
 */
export const Timestamp = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value).toISOString());
export type Timestamp = z.infer<typeof Timestamp>;
