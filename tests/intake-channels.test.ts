import { randomInt, randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import { createStaffTokens, withStaffToken } from '@priemnaya/auth';
import { AppealReceived, type Channel } from '@priemnaya/contracts';
import { callUnary } from '@priemnaya/grpc';
import { DeskServiceClient, type RegisterOralAppealRequest, type RegisterOralAppealResponse } from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { collectTopics, type TopicCollector, waitFor } from '@priemnaya/testing';
import { Metadata } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aPlatformItem } from '@priemnaya/pos-simulator';
import { devStaffTokenSecret } from '../scripts/auth/dev-secret.js';
import type { RunningFleet } from '../scripts/fleet/fleet.js';
import { startIsolatedFleet, type IsolatedFleet } from '../scripts/fleet/isolated-fleet.js';
import { FAKE_BOT_TOKEN, startFakeTelegramApi, type FakeTelegramApi } from '../services/ingest/test/support/fake-telegram-api.js';

const WEBHOOK_SECRET = 'e2e-telegram-webhook-secret-0001';

/** One citizen who writes about one yard through every channel, so the pre-screen sees repeats. */
const citizen = {
  surname: 'Воронцова',
  name: 'Воронцова Елена Андреевна',
  phone: '+7 916 123-45-67',
  email: `vorontsova.${randomInt(1e6)}@example.org`,
  postalAddress: 'ул. Садовая, 7, кв. 12',
};
const texts: Record<Channel, string> = {
  site: 'Во дворе дома 7 по улице Садовой сломаны качели и скамейки на детской площадке, прошу отремонтировать.',
  open311: 'Детская площадка во дворе дома 7 на Садовой: сломаны качели и скамейки, прошу починить.',
  chat: 'Прошу отремонтировать качели и скамейки на детской площадке у дома 7 по Садовой, они сломаны.',
  telegram: 'На детской площадке во дворе дома 7 (улица Садовая) сломаны качели, скамейки тоже, прошу ремонт.',
  pos: 'Сломаны качели и скамейки на детской площадке дома 7 по улице Садовой, прошу отремонтировать площадку.',
  desk: 'Гражданка просит отремонтировать сломанные качели и скамейки на детской площадке у дома 7 по Садовой.',
};

/**
 * Intake from every channel across the real fleet: the site form, the Open311 façade, the chat
 * widget, the Telegram bot (against a local Bot API), the Gosuslugi platform (through its
 * simulator and the adapter) and the reception desk (gRPC with an operator's token). Each appeal
 * lands once on appeals.received with its own number, is routed, the same person's later appeals
 * are flagged as repeats across channels, and no service logs the citizen's data.
 */
describe('intake from every channel through the fleet', () => {
  let isolated: IsolatedFleet;
  let fleet: RunningFleet;
  let telegram: FakeTelegramApi;
  let received: TopicCollector;
  const logs: string[] = [];
  const appealIds = new Map<Channel, string>();

  beforeAll(async () => {
    telegram = await startFakeTelegramApi();
    isolated = await startIsolatedFleet('channels', {
      extraEnv: {
        TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN,
        TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
        TELEGRAM_API_BASE_URL: telegram.baseUrl,
        POS_SIMULATOR_SEED_ITEMS: '0',
        POS_POLL_INTERVAL_MS: '300',
      },
      onLine: (service, line) => logs.push(`${service} ${line}`),
    });
    fleet = isolated.fleet;
    received = await collectTopics(isolated.kafka, [isolated.names.of('appeals.received')]);
  });

  afterAll(async () => {
    await received?.stop();
    await isolated?.dispose();
    await telegram?.close();
  });

  it('the site form registers a written appeal', async () => {
    const response = await fetch(`${fleet.urls.ingest}/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ text: texts.site, author: { name: citizen.name, email: citizen.email, phone: citizen.phone }, problemAddress: 'ул. Садовая, 7' }),
    });
    expect(response.status).toBe(202);
    appealIds.set('site', ((await response.json()) as { id: string }).id);
  });

  it('an Open311 client submits a form-encoded request', async () => {
    const response = await fetch(`${fleet.urls.ingest}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        service_code: 'housing',
        address_string: 'ул. Садовая, 7',
        description: texts.open311,
        first_name: 'Елена',
        last_name: citizen.surname,
        email: citizen.email,
        phone: citizen.phone,
      }).toString(),
    });
    expect(response.status).toBe(200);
    const [request] = (await response.json()) as { service_request_id: string }[];
    appealIds.set('open311', request?.service_request_id ?? '');
  });

  it('the site chat widget turns a confirmed conversation into an appeal', async () => {
    const conversationId = randomUUID();
    let counter = 0;
    const say = async (text: string) => {
      const response = await fetch(`${fleet.urls.ingest}/v1/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId, messageId: `m-${++counter}`, text }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { state: string; registration?: { id: string; registrationNumber: string } };
    };
    for (const text of [texts.chat, citizen.name, citizen.email]) await say(text);
    const done = await say('Да');
    expect(done.state).toBe('registered');
    appealIds.set('chat', done.registration?.id ?? '');
  });

  it('the Telegram bot turns a confirmed conversation into an appeal and sends the number through the Bot API', async () => {
    const chatId = randomInt(1, 2 ** 40);
    let updateId = randomInt(1, 2 ** 30);
    const say = async (text: string) => {
      const response = await fetch(`${fleet.urls.ingest}/v1/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        body: JSON.stringify({
          update_id: ++updateId,
          message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: 'Елена' }, text },
        }),
      });
      expect(response.status).toBe(200);
    };
    for (const text of [texts.telegram, citizen.name, citizen.email, 'Да']) await say(text);
    const numbered = await waitFor(() => telegram.sentTo(chatId).find((message) => /\d{5}\/\d{4}/.test(message.text)), {
      description: 'the registration number sent to the Telegram chat',
    });
    const number = /\d{5}\/\d{4}/.exec(numbered.text)?.[0];
    const appeal = await waitFor(() => received.messages.map((m) => AppealReceived.parse(m.value)).find((a) => a.channel === 'telegram'), {
      description: 'the Telegram appeal on appeals.received',
    });
    expect(appeal.registrationNumber).toBe(number);
    appealIds.set('telegram', appeal.appealId);
  });

  it('a platform message filed on Gosuslugi is pulled by the adapter and registered as a platform message', async () => {
    const item = aPlatformItem('message', {
      text: texts.pos,
      author: { lastName: citizen.surname, firstName: 'Елена', middleName: 'Андреевна', email: citizen.email, phone: citizen.phone },
      address: { text: 'ул. Садовая, 7' },
    });
    const published = await fetch(`${fleet.urls['pos-simulator']}/_simulator/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([item]),
    });
    expect(published.ok).toBe(true);
    const appeal = await waitFor(() => received.messages.map((m) => AppealReceived.parse(m.value)).find((a) => a.channel === 'pos'), {
      description: 'the platform message on appeals.received',
      timeoutMs: 30_000,
    });
    expect(appeal).toMatchObject({ kind: 'platform-message', externalId: item.id });
    appealIds.set('pos', appeal.appealId);
  });

  it('an intake operator registers an oral appeal at the desk over gRPC', async () => {
    const client = new DeskServiceClient(fleet.grpcAddresses.desk ?? '', credentials.createInsecure());
    try {
      const token = await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'operator-e2e', role: 'intake-operator', units: [] });
      const request: RegisterOralAppealRequest = {
        operatorId: '',
        idempotencyKey: randomUUID(),
        citizen: { name: citizen.name, phone: citizen.phone, email: '', postalAddress: citizen.postalAddress },
        problemAddress: 'ул. Садовая, 7',
        text: texts.desk,
        answeredOnTheSpot: false,
        citizenConsentedToOralAnswer: false,
        oralAnswer: '',
        // 59-ФЗ ст. 13 ч. 2: the official who received the citizen, and the document the citizen presented.
        conductedBy: { staffId: 'head-1', name: 'Соколов Андрей Ильич', position: 'заместитель главы' },
        identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 123456' },
      };
      const response = await callUnary<RegisterOralAppealRequest, RegisterOralAppealResponse>(
        client.registerOralAppeal.bind(client),
        request,
        withStaffToken(new Metadata(), token),
        20_000,
      );
      expect(response.similarOpenAppeals.length).toBeGreaterThan(0);
      appealIds.set('desk', response.appealId);
    } finally {
      client.close();
    }
  });

  it('each channel gave exactly one appeal with its own number, numbers increase in order of registration, and every one is routed', async () => {
    expect([...appealIds.keys()].sort()).toEqual(['chat', 'desk', 'open311', 'pos', 'site', 'telegram']);
    await waitFor(() => [...appealIds.values()].every((id) => received.ofAppeal(id).length > 0), { description: 'every appeal on appeals.received' });
    await received.readToEnd();
    const appeals = received.messages.map((message) => AppealReceived.parse(message.value));
    expect(new Set(appeals.map((a) => a.appealId)).size).toBe(6);
    expect(new Set(appeals.map((a) => a.registrationNumber)).size).toBe(6);
    const byTime = [...new Map(appeals.map((a) => [a.appealId, a])).values()].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const sequences = byTime.map((a) => Number(a.registrationNumber.split('/')[0]));
    expect(sequences).toEqual([...sequences].sort((a, b) => a - b));
    for (const [channel, id] of appealIds) expect(appeals.find((a) => a.appealId === id)?.channel).toBe(channel);

    // The same person with a similar text on other channels: the desk warned the operator of the
    // open ones (above), but it is no repeat under 59-ФЗ ст. 11 ч. 5, which needs earlier answers on
    // the merits, and none was answered yet.
    const desk = appeals.find((a) => a.channel === 'desk');
    expect(desk?.screening.map((finding) => finding.flag)).not.toContain('repeat');

    for (const id of appealIds.values()) {
      await waitFor(
        async () => {
          const response = await fetch(`${fleet.urls.ingest}/v1/appeals/${id}`);
          const status = ((await response.json()) as { status: string }).status;
          return status === 'routed' || status === 'triage' ? status : undefined;
        },
        { description: `appeal ${id} routed or sent to triage`, timeoutMs: 20_000 },
      );
    }
  });

  it('no service logged the citizen name, contacts, address or any of the texts', () => {
    expect(logs.length).toBeGreaterThan(0);
    const phoneDigits = citizen.phone.replace(/\D/g, '');
    const personal = [citizen.surname, citizen.email, citizen.postalAddress, '123-45-67', phoneDigits, ...Object.values(texts).map((t) => t.slice(0, 40))];
    const leaks = logs.filter((line) => personal.some((value) => line.includes(value) || line.replace(/\D/g, '').includes(phoneDigits)));
    expect(leaks).toEqual([]);
  });
});
