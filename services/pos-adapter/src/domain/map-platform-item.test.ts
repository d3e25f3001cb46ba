import { describe, expect, it } from 'vitest';
import { toRegisterAppealRequest } from './map-platform-item.js';
import { parsePlatformItem, type PlatformItem } from './platform-item.js';

const ITEM = {
  id: 'pos-42',
  type: 'message',
  version: 1,
  category: { code: 'DOR.03', name: 'Ямы на дорогах' },
  filedAt: '2026-03-02T09:00:00+03:00',
  publishedAt: '2026-03-02T09:05:00+03:00',
  author: { lastName: 'Смирнова', firstName: 'Ольга', middleName: 'Игоревна', email: 'olga@example.org', phone: 'не указан' },
  text: '  Яма на перекрёстке  ',
  address: { text: 'ул. Мира, 12', lat: 51.73, lon: 36.19 },
  attachments: [{ url: 'https://files.pos.example/1/photo.jpg', fileName: 'photo.jpg', contentType: 'image/jpeg', size: 10 }],
  futureField: 'ignored by v1 readers',
};

function parsed(raw: unknown): PlatformItem {
  const result = parsePlatformItem(raw);
  if (!result.ok) throw new Error(result.reason);
  return result.item;
}

describe('toRegisterAppealRequest', () => {
  it('when the item is a message, asks for a platform-message on channel pos with the item id, category, filing and publication dates and the item as received', () => {
    const request = toRegisterAppealRequest(parsed(ITEM), ITEM);

    expect(request).toEqual({
      channel: 'pos',
      kind: 'platform-message',
      externalId: 'pos-42',
      author: { name: 'Смирнова Ольга Игоревна', email: 'olga@example.org' },
      text: 'Яма на перекрёстке',
      problemAddress: 'ул. Мира, 12',
      location: { lat: 51.73, lon: 36.19 },
      attachments: [],
      rawPayloadJson: JSON.stringify(ITEM),
      platform: { category: 'DOR.03', filedAt: '2026-03-02T09:00:00+03:00', publishedAt: '2026-03-02T09:05:00+03:00' },
    });
  });

  it('when the item is an appeal without an address, asks for an appeal with no problem address or location', () => {
    const raw = { ...ITEM, type: 'appeal', address: undefined };

    const request = toRegisterAppealRequest(parsed(raw), raw);

    expect(request.kind).toBe('appeal');
    expect(request).not.toHaveProperty('problemAddress');
    expect(request).not.toHaveProperty('location');
  });
});

describe('parsePlatformItem', () => {
  it('when the type is unknown, refuses it naming the field and keeping the id, without quoting values', () => {
    const result = parsePlatformItem({ ...ITEM, type: 'complaint', text: '' });

    expect(result).toEqual({ ok: false, itemId: 'pos-42', reason: 'type: invalid_value; text: too_small' });
  });
});
