import { describe, expect, it } from 'vitest';
import { notificationTarget } from './notification-target.js';

describe('notificationTarget', () => {
  it('a widget appeal: the conversation, with or without the appeal sequence', () => {
    expect(notificationTarget({ channel: 'chat', externalId: 'c0nversation-0001abcd' })).toEqual({ channel: 'chat', conversationId: 'c0nversation-0001abcd' });
    expect(notificationTarget({ channel: 'chat', externalId: 'c0nversation-0001abcd:2' })).toEqual({ channel: 'chat', conversationId: 'c0nversation-0001abcd' });
  });

  it('a Telegram appeal: the chat id before the sequence', () => {
    expect(notificationTarget({ channel: 'telegram', externalId: '123456789:1' })).toEqual({ channel: 'telegram', chatId: 123456789 });
    expect(notificationTarget({ channel: 'telegram', externalId: '-100200300:3' })).toEqual({ channel: 'telegram', chatId: -100200300 });
  });

  it('other channels are not ingest\'s to deliver', () => {
    expect(notificationTarget({ channel: 'pos', externalId: 'item-1' })).toEqual({ channel: 'elsewhere' });
    expect(notificationTarget({ channel: 'site' })).toEqual({ channel: 'elsewhere' });
  });

  it('an external id ingest did not give cannot be addressed', () => {
    expect(notificationTarget({ channel: 'telegram' }).channel).toBe('unaddressable');
    expect(notificationTarget({ channel: 'telegram', externalId: 'abc:1' }).channel).toBe('unaddressable');
    expect(notificationTarget({ channel: 'telegram', externalId: '12345' }).channel).toBe('unaddressable');
    expect(notificationTarget({ channel: 'chat', externalId: 'short' }).channel).toBe('unaddressable');
    expect(notificationTarget({ channel: 'chat', externalId: 'c0nversation-0001abcd:x' }).channel).toBe('unaddressable');
  });
});
