import { z } from 'zod';

/**
 * The part of the Bot API's `Update` the bot reads. Objects are not strict: Telegram adds fields
 * over time, and an unknown field must never make a real update fail.
 */
const TelegramUser = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  last_name: z.string().optional(),
});

const TelegramChat = z.object({
  id: z.number().int(),
  /** private, group, supergroup or channel: appeals are taken in private chats only. */
  type: z.string(),
});

/** Message fields that carry something other than text; the chat cannot take them and says so. */
export const NON_TEXT_FIELDS = ['photo', 'document', 'audio', 'voice', 'video', 'video_note', 'animation', 'sticker', 'contact', 'location', 'venue', 'poll'] as const;

const TelegramMessage = z.object({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: TelegramChat,
  from: TelegramUser.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  ...nonTextShape(),
});

export const TelegramUpdate = z
  .object({
    update_id: z.number().int().nonnegative(),
    /** Absent for every other kind of update (edits, button callbacks, channel posts...), which are ignored. */
    message: TelegramMessage.optional(),
  })
  .meta({ id: 'TelegramUpdate', description: 'A Bot API Update; only `message` updates from private chats are read.' });
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;
export type TelegramMessage = NonNullable<TelegramUpdate['message']>;

function nonTextShape(): Record<(typeof NON_TEXT_FIELDS)[number], z.ZodOptional<z.ZodUnknown>> {
  const present = z.unknown().optional();
  return Object.fromEntries(NON_TEXT_FIELDS.map((field) => [field, present])) as Record<(typeof NON_TEXT_FIELDS)[number], typeof present>;
}

export function hasNonText(message: TelegramMessage): boolean {
  return NON_TEXT_FIELDS.some((field) => (message as Record<string, unknown>)[field] !== undefined);
}
