import { parseRequest, RequestError } from '@priemnaya/http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commandOf, correctionTargetOf, isGreeting, isNo, isSkip, isYes, readContact, readName, readPostalAddress } from '../../../domain/chat/visitor-input.js';
import { hasNonText, TelegramUpdate } from './telegram-update.js';
import { ChatMessageRequest } from './widget-routes.js';

/**
 * The chat channels' payloads as their routes parse them: a widget message and a Telegram
 * webhook update. Any JSON gives the payload or a 400 naming each field at fault, never another
 * error; a valid payload comes back as sent; the visitor's words are read whatever they are.
 */
function oneFieldChanged<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.nat(), fc.option(fc.jsonValue(), { nil: undefined })).map(([value, pick, replacement]) => {
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    const slots: [Record<string, unknown>, string][] = [];
    const visit = (node: unknown) => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, inner] of Object.entries(node)) {
        slots.push([node as Record<string, unknown>, key]);
        visit(inner);
      }
    };
    visit(copy);
    const slot = slots[pick % Math.max(slots.length, 1)];
    if (slot) {
      if (replacement === undefined) delete slot[0][slot[1]];
      else slot[0][slot[1]] = replacement;
    }
    return copy;
  });
}

function expectParsedOrFieldError(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    const refusal = error as RequestError;
    expect(refusal.statusCode).toBe(400);
    expect(refusal.fields?.length).toBeGreaterThan(0);
    for (const field of refusal.fields ?? []) expect(field.field.length).toBeGreaterThan(0);
    expect(refusal.message.startsWith(`${refusal.fields?.[0]?.field}: `)).toBe(true);
  }
}

const widgetMessage = fc.record(
  {
    conversationId: fc.stringMatching(/^[A-Za-z0-9_-]{16,100}$/),
    messageId: fc.stringMatching(/^[\x21-\x7e]{1,100}$/),
    text: fc.string({ maxLength: 300 }),
    attachments: fc.array(fc.record({ fileName: fc.string({ maxLength: 255 }), contentType: fc.string({ maxLength: 100 }) }), { maxLength: 10 }),
  },
  { requiredKeys: ['conversationId', 'messageId', 'text'] },
);

const telegramUpdate = fc.record(
  {
    update_id: fc.nat(),
    message: fc.record(
      {
        message_id: fc.integer(),
        date: fc.nat(),
        chat: fc.record({ id: fc.integer(), type: fc.constantFrom('private', 'group', 'supergroup', 'channel') }),
        from: fc.record({ id: fc.integer(), is_bot: fc.boolean(), first_name: fc.string({ maxLength: 64 }), last_name: fc.string({ maxLength: 64 }) }, { requiredKeys: ['id', 'is_bot', 'first_name'] }),
        text: fc.string({ maxLength: 300 }),
        caption: fc.string({ maxLength: 300 }),
        photo: fc.array(fc.record({ file_id: fc.string({ maxLength: 20 }) }), { maxLength: 2 }),
        sticker: fc.record({ file_id: fc.string({ maxLength: 20 }) }),
      },
      { requiredKeys: ['message_id', 'date', 'chat'] },
    ),
  },
  { requiredKeys: ['update_id'] },
);

const prototypeKeys = fc.constant(JSON.parse('{"__proto__":{"update_id":1},"constructor":{"prototype":{}}}') as unknown);

// Hundreds of generated inputs per test: on a loaded machine that takes longer than the default 5 s.
describe('chat payloads under arbitrary input', { timeout: 60_000 }, () => {
  it('a widget message parses or answers 400 naming the field', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), oneFieldChanged(widgetMessage), prototypeKeys), (body) => {
        expectParsedOrFieldError(() => parseRequest(ChatMessageRequest, body));
      }),
      { numRuns: 500 },
    );
  });

  it('a Telegram update parses or answers 400 naming the field, and its message is read for non-text parts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), oneFieldChanged(telegramUpdate), prototypeKeys), (body) => {
        expectParsedOrFieldError(() => {
          const update = parseRequest(TelegramUpdate, body);
          if (update.message) expect(typeof hasNonText(update.message)).toBe('boolean');
        });
      }),
      { numRuns: 500 },
    );
  });

  it('valid payloads come back as sent, also after a trip through JSON', () => {
    fc.assert(
      fc.property(widgetMessage, telegramUpdate, (message, update) => {
        expect(parseRequest(ChatMessageRequest, JSON.parse(JSON.stringify(message)))).toEqual(message);
        expect(parseRequest(TelegramUpdate, JSON.parse(JSON.stringify(update)))).toEqual(update);
      }),
      { numRuns: 300 },
    );
  });

  it('the visitor’s words are read as a command, an answer or plain text whatever they are', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('/start@bot x', '/STOP', 'Да', ' исправить имя ', 'a@b', '+7 (900) 123-45-67', 'ул. Ленина, 5')), (text) => {
        expect([undefined, 'start', 'cancel', 'restart', 'help']).toContain(commandOf(text));
        expect([undefined, 'question', 'name', 'contact']).toContain(correctionTargetOf(text));
        for (const reading of [isYes, isNo, isSkip, isGreeting]) expect(typeof reading(text)).toBe('boolean');
        expect(['email', 'phone', 'invalid']).toContain(readContact(text).kind);
        expect([undefined, 'string']).toContain(readName(text) === undefined ? undefined : typeof readName(text));
        expect([undefined, 'string']).toContain(readPostalAddress(text) === undefined ? undefined : typeof readPostalAddress(text));
      }),
      { numRuns: 500 },
    );
  });
});
