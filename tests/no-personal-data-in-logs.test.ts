import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { credentials, Metadata } from '@grpc/grpc-js';
import { createStaffTokens, withStaffToken } from '@priemnaya/auth';
import { AppealEvent, AppealReceived, type Channel } from '@priemnaya/contracts';
import { callUnary } from '@priemnaya/grpc';
import { DeskServiceClient, type RegisterOralAppealRequest, type RegisterOralAppealResponse } from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { aPlatformItem } from '@priemnaya/pos-simulator';
import { collectTopics, type TopicCollector, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devStaffTokenSecret } from '../scripts/auth/dev-secret.js';
import type { RunningFleet, ServiceName } from '../scripts/fleet/fleet.js';
import { startIsolatedFleet, type IsolatedFleet } from '../scripts/fleet/isolated-fleet.js';
import { DRILL_SERVICES } from '../scripts/drills/support/fleet-under-load.js';
import { FAKE_BOT_TOKEN, startFakeTelegramApi, type FakeTelegramApi } from '../services/ingest/test/support/fake-telegram-api.js';

const WEBHOOK_SECRET = 'e2e-telegram-webhook-secret-0002';
const CHANNELS: Channel[] = ['site', 'open311', 'chat', 'telegram', 'pos', 'desk'];

/** A word no log could contain by chance: Cyrillic syllables drawn at random for this run. */
function uniqueWord(): string {
  const syllables = ['ба', 'ве', 'гу', 'до', 'жи', 'зо', 'ку', 'ле', 'му', 'ны', 'по', 'ры', 'су', 'ти', 'фа', 'хо', 'цу', 'ша'];
  return Array.from({ length: 5 }, () => syllables[randomInt(syllables.length)]).join('');
}
const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** One citizen per channel, each with a name, contacts, an address and a text of their own. */
function aCitizen(channel: Channel) {
  const surname = `${capitalised(uniqueWord())}ова`;
  const digits = `9${String(randomInt(1e8, 1e9))}`;
  return {
    surname,
    firstName: 'Елена',
    name: `${surname} Елена Андреевна`,
    phone: `+7 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`,
    phoneDigits: `7${digits}`,
    email: `${channel}.${randomBytes(5).toString('hex')}@example.org`,
    street: capitalised(uniqueWord()),
    // Heating: the rules route it to the housing unit, so it becomes a task there.
    textWord: uniqueWord(),
  };
}
type Citizen = ReturnType<typeof aCitizen>;
const textOf = (citizen: Citizen) => `В подъезде нет отопления, батареи холодные. Соседка ${citizen.textWord} тоже мёрзнет, прошу помочь.`;
const addressOf = (citizen: Citizen) => `ул. ${citizen.street}, 7, кв. 12`;

/**
 * Personal data through every channel into the fleet at LOG_LEVEL=debug: a citizen of each
 * channel writes with a name, phone, e-mail, address and text no log could hold by chance; once
 * every appeal is routed and is a task, no service's output holds any of them, every line is
 * JSON, and the lines written while a request or a message was handled carry its trace id.
 */
/** The passport series and number shown at the desk's personal reception. */
const DESK_DOCUMENT_NUMBER = '38 04 561278';

describe('personal data and the logs of every service', () => {
  let isolated: IsolatedFleet;
  let fleet: RunningFleet;
  let telegram: FakeTelegramApi;
  let topics: TopicCollector;
  const lines: { service: ServiceName; line: string }[] = [];
  const citizens = new Map(CHANNELS.map((channel) => [channel, aCitizen(channel)]));
  const citizen = (channel: Channel): Citizen => citizens.get(channel) as Citizen;

  beforeAll(async () => {
    telegram = await startFakeTelegramApi();
    isolated = await startIsolatedFleet('no-pd-logs', {
      only: DRILL_SERVICES,
      extraEnv: {
        LOG_LEVEL: 'debug',
        TELEGRAM_BOT_TOKEN: FAKE_BOT_TOKEN,
        TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
        TELEGRAM_API_BASE_URL: telegram.baseUrl,
        POS_SIMULATOR_SEED_ITEMS: '0',
        POS_POLL_INTERVAL_MS: '300',
      },
      onLine: (service, line) => lines.push({ service, line }),
      readyTimeoutMs: 180_000,
    });
    fleet = isolated.fleet;
    topics = await collectTopics(isolated.kafka, [isolated.names.of('appeals.received'), isolated.names.of('appeals.events')]);
  }, 240_000);

  afterAll(async () => {
    await topics?.stop();
    await isolated?.dispose();
    await telegram?.close();
  }, 60_000);

  it('takes an appeal with personal data from every channel, routes each and makes it a task', async () => {
    const site = citizen('site');
    const posted = await fetch(`${fleet.urls.ingest}/v1/appeals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ text: textOf(site), author: { name: site.name, email: site.email, phone: site.phone, postalAddress: addressOf(site) }, problemAddress: addressOf(site) }),
    });
    expect(posted.status).toBe(202);

    const open311 = citizen('open311');
    const requested = await fetch(`${fleet.urls.ingest}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        service_code: 'housing',
        address_string: addressOf(open311),
        description: textOf(open311),
        first_name: open311.firstName,
        last_name: open311.surname,
        email: open311.email,
        phone: open311.phone,
      }).toString(),
    });
    expect(requested.status).toBe(200);

    const chat = citizen('chat');
    const conversationId = randomUUID();
    let said = 0;
    for (const text of [textOf(chat), chat.name, chat.email, 'Да']) {
      const response = await fetch(`${fleet.urls.ingest}/v1/chat/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId, messageId: `m-${++said}`, text }),
      });
      expect(response.status).toBe(200);
    }

    const bot = citizen('telegram');
    const chatId = randomInt(1, 2 ** 40);
    let updateId = randomInt(1, 2 ** 30);
    for (const text of [textOf(bot), bot.name, bot.email, 'Да']) {
      const response = await fetch(`${fleet.urls.ingest}/v1/telegram/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': WEBHOOK_SECRET },
        body: JSON.stringify({
          update_id: ++updateId,
          message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, from: { id: chatId, is_bot: false, first_name: bot.firstName }, text },
        }),
      });
      expect(response.status).toBe(200);
    }

    const pos = citizen('pos');
    const item = aPlatformItem('message', {
      text: textOf(pos),
      author: { lastName: pos.surname, firstName: pos.firstName, middleName: 'Андреевна', email: pos.email, phone: pos.phone },
      address: { text: addressOf(pos) },
    });
    const published = await fetch(`${fleet.urls['pos-simulator']}/_simulator/items`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([item]),
    });
    expect(published.ok).toBe(true);

    const desk = citizen('desk');
    const client = new DeskServiceClient(fleet.grpcAddresses.desk ?? '', credentials.createInsecure());
    try {
      const token = await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'operator-logs', role: 'intake-operator', units: [] });
      await callUnary<RegisterOralAppealRequest, RegisterOralAppealResponse>(
        client.registerOralAppeal.bind(client),
        {
          operatorId: '',
          idempotencyKey: randomUUID(),
          citizen: { name: desk.name, phone: desk.phone, email: desk.email, postalAddress: addressOf(desk) },
          problemAddress: addressOf(desk),
          text: textOf(desk),
          answeredOnTheSpot: false,
          citizenConsentedToOralAnswer: false,
          oralAnswer: '',
          // 59-ФЗ ст. 13 ч. 2: the document the citizen presented is personal data, checked below.
          conductedBy: { staffId: 'head-1', name: 'Соколов Андрей Ильич', position: 'заместитель главы' },
          identityDocument: { kind: 'passport-rf', seriesNumber: DESK_DOCUMENT_NUMBER },
        },
        withStaffToken(new Metadata(), token),
        30_000,
      );
    } finally {
      client.close();
    }

    // Every channel's appeal registered, routed to the housing unit, and held there as a task.
    let missing: Channel[] = [];
    const appeals = await waitFor(
      () => {
        const received = topics.messages.filter((m) => m.topic === isolated.names.of('appeals.received')).map((m) => AppealReceived.parse(m.value));
        const byChannel = new Map(received.map((appeal) => [appeal.channel, appeal]));
        missing = CHANNELS.filter((channel) => !byChannel.has(channel));
        return missing.length === 0 ? byChannel : undefined;
      },
      { description: 'an appeal from every channel on appeals.received', timeoutMs: 120_000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}; none yet from ${missing.join(', ')}`);
    });
    const supervisor = await createStaffTokens(devStaffTokenSecret()).issue({ staffId: 'head-logs', role: 'supervisor', units: ['zhkh'] });
    for (const channel of CHANNELS) {
      const appealId = appeals.get(channel)?.appealId ?? '';
      const routed = await waitFor(
        () =>
          topics
            .ofAppeal(appealId)
            .filter((m) => m.topic === isolated.names.of('appeals.events'))
            .map((m) => AppealEvent.parse(m.value))
            .find((event) => event.type === 'appeal.routed'),
        { description: `the ${channel} appeal routed`, timeoutMs: 120_000 },
      );
      expect(routed).toMatchObject({ unit: 'zhkh', channel });
      await waitFor(
        async () => {
          const response = await fetch(`${fleet.urls.executor}/v1/units/zhkh/tasks`, { headers: { authorization: `Bearer ${supervisor}` } });
          const { tasks } = (await response.json()) as { tasks: { appealId: string }[] };
          return tasks.some((task) => task.appealId === appealId);
        },
        { description: `the ${channel} appeal a task of the housing unit`, timeoutMs: 120_000 },
      );
    }
  }, 300_000);

  it('no service printed a name, phone, e-mail, address, identity document or text of any of them', () => {
    expect(new Set(lines.map(({ service }) => service))).toEqual(new Set(DRILL_SERVICES));
    const markers = [
      ...[...citizens.values()].flatMap((c) => [c.surname, c.phone, c.phoneDigits, c.phoneDigits.slice(1), c.email, c.street, c.textWord]),
      DESK_DOCUMENT_NUMBER,
      DESK_DOCUMENT_NUMBER.replace(/ /g, ''),
    ];
    const leaks = lines.filter(({ line }) => markers.some((marker) => line.includes(marker)));
    expect(leaks).toEqual([]);
  });

  it('every line is JSON, and the lines of a request or message being handled carry its trace id', () => {
    // The platform simulator stands in for the outside platform: it is not one of ours.
    const parsed = lines
      .filter(({ service, line }) => service !== 'pos-simulator' && line.trim() !== '').map(({ service, line }) => ({ service, line, entry: parseJson(line) }));
    expect(parsed.filter(({ entry }) => entry === undefined).map(({ service, line }) => `${service}: ${line}`)).toEqual([]);
    // A request's lines (fastify's reqId), and our code's lines about one appeal or one consumed
    // message (the platform adapter's poll is a span of its own). Not the Kafka client's own
    // lines (component kafkajs): it logs a retry outside the handler.
    const handling = parsed.filter(
      ({ entry }) =>
        entry?.reqId !== undefined ||
        (entry?.component !== 'kafkajs' && (entry?.appealId !== undefined || (entry?.topic !== undefined && entry.offset !== undefined))),
    );
    expect(handling.length).toBeGreaterThan(0);
    const services = new Set(handling.map(({ service }) => service));
    for (const service of ['ingest', 'router', 'executor'] as const) expect(services).toContain(service);
    expect(handling.filter(({ entry }) => typeof entry?.traceId !== 'string').map(({ service, line }) => `${service}: ${line}`)).toEqual([]);
  });
});

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
