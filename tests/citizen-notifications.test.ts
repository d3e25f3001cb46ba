import { randomInt, randomUUID } from 'node:crypto';
import { AppealReceived, type AppealEvent } from '@priemnaya/contracts';
import { createPublisher, type Publisher } from '@priemnaya/kafka';
import { aPlatformItem } from '@priemnaya/pos-simulator';
import { collectTopics, type TopicCollector, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningFleet } from '../scripts/fleet/fleet.js';
import { startIsolatedFleet, type IsolatedFleet } from '../scripts/fleet/isolated-fleet.js';
import { FAKE_BOT_TOKEN, startFakeTelegramApi, type FakeTelegramApi } from '../services/ingest/test/support/fake-telegram-api.js';

const WEBHOOK_SECRET = 'e2e-telegram-webhook-secret-0002';
const citizen = { name: 'Соколова Ирина Викторовна', email: `sokolova.${randomInt(1e6)}@example.org` };

interface OutboxAnswer {
  messages: { id: string; kind: string; registrationNumber: string; text: string }[];
}

/**
 * The citizen hears back through the channel the appeal came by: the notifier tells of the
 * registration and of each status change the executors' events bring (here produced by the test,
 * standing in for the executor), ingest delivers into the widget's conversation and the Telegram
 * chat (a local Bot API), the adapter posts to the platform (its simulator).
 */
describe('citizen notifications through the fleet', () => {
  let isolated: IsolatedFleet;
  let fleet: RunningFleet;
  let telegram: FakeTelegramApi;
  let received: TopicCollector;
  let events: Publisher;

  beforeAll(async () => {
    telegram = await startFakeTelegramApi();
    isolated = await startIsolatedFleet('notify', {
      only: ['ingest', 'notifier', 'pos-simulator', 'pos-adapter'],
      extraEnv: {
        TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN,
        TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
        TELEGRAM_API_BASE_URL: telegram.baseUrl,
        POS_SIMULATOR_SEED_ITEMS: '0',
        POS_POLL_INTERVAL_MS: '300',
      },
    });
    fleet = isolated.fleet;
    received = await collectTopics(isolated.kafka, [isolated.names.of('appeals.received')]);
    events = createPublisher({ kafka: isolated.kafka, names: isolated.names });
    await events.connect();
  });

  afterAll(async () => {
    await events?.disconnect();
    await received?.stop();
    await isolated?.dispose();
    await telegram?.close();
  });

  const appealOf = (predicate: (appeal: AppealReceived) => boolean) =>
    waitFor(() => received.messages.map((m) => AppealReceived.parse(m.value)).find(predicate), { description: 'the appeal on appeals.received' });

  const work = (appeal: AppealReceived) => ({
    version: 1 as const,
    eventId: randomUUID(),
    appealId: appeal.appealId,
    registrationNumber: appeal.registrationNumber,
    occurredAt: new Date().toISOString(),
    channel: appeal.channel,
    receivedAt: appeal.receivedAt,
    by: 'executor-e2e',
    unit: 'zhkh',
  });
  const publishEvent = (event: AppealEvent) => events.publish([{ topic: 'appeals.events', payload: event }]);

  it('a widget conversation is told of the registration and then of the answer', async () => {
    const conversationId = randomUUID();
    let counter = 0;
    const say = async (text: string) => {
      const response = await fetch(`${fleet.urls.ingest}/v1/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId, messageId: `m-${++counter}`, text }),
      });
      expect(response.status).toBe(200);
    };
    for (const text of ['Во дворе дома 9 по улице Мира третью неделю не вывозят мусор, прошу навести порядок.', citizen.name, citizen.email, 'Да']) await say(text);
    const appeal = await appealOf((a) => a.channel === 'chat' && a.externalId === conversationId);
    const outbox = async () => ((await (await fetch(`${fleet.urls.ingest}/v1/chat/conversations/${conversationId}/messages`)).json()) as OutboxAnswer).messages;

    const [registered] = await waitFor(async () => (await outbox()).length >= 1 && outbox(), { description: 'the registration notice in the outbox' });
    expect(registered?.text).toContain(`Ваше обращение № ${appeal.registrationNumber} зарегистрировано`);

    await publishEvent({ ...work(appeal), type: 'appeal.answered', answer: { text: 'Мусор вывезен, график вывоза восстановлен.', inSubstance: true, attachments: [] } });
    const messages = await waitFor(async () => {
      const list = await outbox();
      return list.length >= 2 && list;
    }, { description: 'the answer in the outbox' });
    expect(messages.map((message) => message.kind)).toEqual(['registered', 'answered']);
    expect(messages[1]?.text).toContain('Мусор вывезен, график вывоза восстановлен.');
  });

  it('a Telegram chat is told of the registration and of the forwarding through the Bot API', async () => {
    const chatId = randomInt(1, 2 ** 40);
    let updateId = randomInt(1, 2 ** 30);
    for (const text of ['На перекрёстке Мира и Ленина не работает светофор, прошу срочно починить.', citizen.name, citizen.email, 'Да']) {
      const response = await fetch(`${fleet.urls.ingest}/v1/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        body: JSON.stringify({
          update_id: ++updateId,
          message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Ирина' }, text },
        }),
      });
      expect(response.status).toBe(200);
    }
    const appeal = await appealOf((a) => a.channel === 'telegram' && a.externalId?.startsWith(`${chatId}:`) === true);
    await waitFor(() => telegram.sentTo(chatId).some((message) => message.text.startsWith(`Ваше обращение № ${appeal.registrationNumber} зарегистрировано`)), {
      description: 'the registration notice in the Telegram chat',
    });
    await publishEvent({ ...work(appeal), type: 'appeal.forwarded', authority: { name: 'Комитет дорожного хозяйства Курской области' } });
    const forwarded = await waitFor(() => telegram.sentTo(chatId).find((message) => message.text.includes('направлено по компетенции')), { description: 'the forwarding notice' });
    expect(forwarded.text).toContain('Комитет дорожного хозяйства Курской области');
  });

  it('a platform appeal gets its extension posted to the platform', async () => {
    const item = aPlatformItem('appeal');
    const published = await fetch(`${fleet.urls['pos-simulator']}/_simulator/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([item]) });
    expect(published.ok).toBe(true);
    const appeal = await appealOf((a) => a.channel === 'pos' && a.externalId === item.id);
    await publishEvent({ ...work(appeal), type: 'appeal.extension-approved', requestId: randomUUID(), days: 30, why: 'нужно обследование' });
    const change = await waitFor(async () => {
      const state = (await (await fetch(`${fleet.urls['pos-simulator']}/_simulator/state`)).json()) as { statusChanges: { itemId: string; status: string; comment?: string }[] };
      return state.statusChanges.find((posted) => posted.itemId === item.id && posted.status === 'extended');
    }, { description: 'the extension on the platform' });
    expect(change.comment).toContain('продлён на 30 дней');
  });
});
