import { randomUUID } from 'node:crypto';

/** An item as the platform publishes it (docs/pos-platform-contract.md, "Item"). */
export interface PlatformItem {
  id: string;
  type: 'appeal' | 'message';
  version: number;
  category: { code: string; name: string };
  filedAt: string;
  publishedAt: string;
  author: { lastName: string; firstName: string; middleName?: string; email?: string; phone?: string; postalAddress?: string };
  text: string;
  address?: { text: string; lat?: number; lon?: number };
  attachments: { url: string; fileName: string; contentType: string; size: number }[];
}

let sequence = 0;

/** An invented item of the given type, distinct from every other one; overrides win. */
export function aPlatformItem(type: PlatformItem['type'], overrides: Partial<PlatformItem> = {}): PlatformItem {
  sequence += 1;
  const now = new Date();
  return {
    id: `pos-${randomUUID()}`,
    type,
    version: 1,
    category: type === 'appeal' ? { code: 'ZKH.01', name: 'Освещение улиц и дворов' } : { code: 'DOR.03', name: 'Ямы на дорогах' },
    filedAt: new Date(now.getTime() - 60_000).toISOString(),
    publishedAt: now.toISOString(),
    author: { lastName: 'Смирнова', firstName: 'Ольга', middleName: 'Игоревна', email: 'olga.smirnova@example.org', phone: '+7 900 555-01-02' },
    text:
      type === 'appeal'
        ? `Прошу восстановить освещение во дворе дома 12 по улице Мира, фонари не горят вторую неделю (№ ${sequence})`
        : `На перекрёстке улиц Мира и Садовой глубокая яма, прошу заделать (№ ${sequence})`,
    address: { text: 'ул. Мира, 12', lat: 51.7304, lon: 36.1926 },
    attachments: [{ url: `https://files.pos.example/attachments/${sequence}/photo.jpg`, fileName: 'photo.jpg', contentType: 'image/jpeg', size: 184_320 }],
    ...overrides,
  };
}
