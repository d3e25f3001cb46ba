import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { AppealReceived } from '@priemnaya/contracts';
import { callUnary } from '@priemnaya/grpc';
import {
  IntakeServiceClient,
  type RegisterAppealRequest,
  type RegisterAppealResponse,
} from '@priemnaya/grpc/generated/priemnaya/intake/v1/intake.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, it } from 'vitest';
import { aSubmission, postAppeal, startIngestScenarioEach, type Acknowledgement, type IngestContext } from './support/ingest-harness.js';
import { startRegistryStub, type RegistryStub } from './support/registry-stub.js';

function deskAppeal(overrides: Partial<RegisterAppealRequest> = {}): RegisterAppealRequest {
  return {
    channel: 'desk',
    kind: 'appeal',
    author: { name: 'Кузнецов Олег Павлович', phone: '8 (903) 555-12-34', postalAddress: 'ул. Мира, 3, кв. 7' },
    text: 'Прошу отремонтировать детскую площадку во дворе дома 3 по улице Мира: сломаны качели.',
    attachments: [],
    rawPayloadJson: JSON.stringify({ source: 'reception card' }),
    reception: { operatorId: 'operator-7', answeredOnTheSpot: false },
    ...overrides,
  };
}

describe.concurrent('gRPC priemnaya.intake.v1.IntakeService', () => {
  let registry: RegistryStub;
  beforeAll(async () => {
    registry = await startRegistryStub();
  });
  afterAll(() => registry.close());
  beforeEach<IngestContext>(startIngestScenarioEach(() => registry.url));
  afterEach<IngestContext>(({ teardown }) => teardown.run());

  function clientOf({ scenario, teardown }: IngestContext) {
    const client = teardown.add(new IntakeServiceClient(scenario.ingest.grpcAddress, credentials.createInsecure()), async (it) => it.close());
    return {
      register: (request: RegisterAppealRequest) => callUnary<RegisterAppealRequest, RegisterAppealResponse>(client.registerAppeal.bind(client), request, new Metadata(), 5_000),
      findByPerson: (person: RegisterAppealRequest['author'], limit = 0) =>
        callUnary(client.findAppealsByPerson.bind(client), { person, limit }, new Metadata(), 5_000),
    };
  }

  it<IngestContext>('RegisterAppeal: when an oral appeal comes with its reception card, registers it and publishes it with channel desk and the card', async (context) => {
    const { scenario, expect } = context;
    const response = await clientOf(context).register(deskAppeal({ idempotencyKey: 'desk-card-1' }));

    expect(response.registrationNumber).toMatch(/^00001\/\d{4}$/);
    expect(response.replayed).toBe(false);
    const [message] = await scenario.received.waitForAppeal(response.appealId);
    const appeal = AppealReceived.parse(message?.value);
    expect(appeal).toMatchObject({
      channel: 'desk',
      kind: 'appeal',
      reception: { operatorId: 'operator-7', answeredOnTheSpot: false },
      raw: { format: 'grpc', body: { source: 'reception card' } },
    });
  });

  it<IngestContext>('RegisterAppeal: when the platform sends the same item twice, gives the same appeal and number', async (context) => {
    const { expect, scenario } = context;
    const { register } = clientOf(context);
    const item = deskAppeal({ channel: 'pos', kind: 'platform-message', externalId: 'pos-msg-42', reception: undefined, platform: { category: 'roads' } });

    const first = await register(item);
    const again = await register({ ...item, rawPayloadJson: JSON.stringify({ delivered: 'twice' }) });

    expect(again).toMatchObject({ appealId: first.appealId, registrationNumber: first.registrationNumber, replayed: true });
    await scenario.received.readToEnd();
    expect(scenario.received.messages.map((m) => AppealReceived.parse(m.value))).toMatchObject([{ kind: 'platform-message', platform: { category: 'roads' } }]);
  });

  it<IngestContext>('RegisterAppeal: when the raw payload has field names with dots or a leading $, registers it and keeps them', async (context) => {
    const { expect, scenario } = context;
    const raw = { 'attribute.WHISPER.1': 'x', $where: 'y', nested: { 'a.b': 1 } };
    const response = await clientOf(context).register(deskAppeal({ rawPayloadJson: JSON.stringify(raw) }));
    const [message] = await scenario.received.waitForAppeal(response.appealId);
    expect(AppealReceived.parse(message?.value).raw.body).toEqual(raw);
  });

  it<IngestContext>('RegisterAppeal: when the platform republishes an item with edited metadata, it is the same appeal', async (context) => {
    const { expect } = context;
    const { register } = clientOf(context);
    const item = deskAppeal({ channel: 'pos', kind: 'appeal', externalId: 'pos-item-7', reception: undefined, platform: { category: 'ZKH.01' } });
    const first = await register(item);
    const edited = await register({ ...item, platform: { category: 'DOR.03' } });
    expect(edited).toMatchObject({ appealId: first.appealId, registrationNumber: first.registrationNumber, replayed: true });
  });

  it<IngestContext>('RegisterAppeal 59-ФЗ ст. 13: a personal reception keeps the whole card (consent, official, identity document) and is marked oral personal-reception; a desk caller that sends no oral is one too', async (context) => {
    const { expect, scenario } = context;
    const reception = {
      operatorId: 'operator-7',
      answeredOnTheSpot: true,
      oralAnswer: 'Ремонт качелей назначен на понедельник',
      citizenConsentedToOralAnswer: true,
      conductedBy: { staffId: 'deputy-2', name: 'Соколов Андрей Ильич', position: 'заместитель главы администрации' },
      identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 123456' },
    };
    const { register } = clientOf(context);
    const marked = await register(deskAppeal({ idempotencyKey: 'card-marked', oral: 'personal-reception', reception }));
    const unmarked = await register(deskAppeal({ idempotencyKey: 'card-unmarked', text: 'Прошу убрать сухое дерево у дома 3 по улице Мира.' }));

    for (const response of [marked, unmarked]) await scenario.received.waitForAppeal(response.appealId);
    const appeals = scenario.received.messages.map((message) => AppealReceived.parse(message.value));
    expect(appeals.find((appeal) => appeal.appealId === marked.appealId)).toMatchObject({ oral: 'personal-reception', reception });
    expect(appeals.find((appeal) => appeal.appealId === unmarked.appealId)).toMatchObject({ oral: 'personal-reception' });
  });

  it<IngestContext>('RegisterAppeal 59-ФЗ ст. 13: a hotline call is registered as an oral appeal without a reception card, marked oral hotline', async (context) => {
    const { expect, scenario } = context;
    const response = await clientOf(context).register(deskAppeal({ idempotencyKey: 'hotline-1', oral: 'hotline', reception: undefined }));

    const [message] = await scenario.received.waitForAppeal(response.appealId);
    const appeal = AppealReceived.parse(message?.value);
    expect(appeal).toMatchObject({ channel: 'desk', oral: 'hotline' });
    expect(appeal).not.toHaveProperty('reception');
  });

  const invalid = [
    { condition: 'an oral appeal has no reception card', request: deskAppeal({ reception: undefined }), field: 'reception' },
    { condition: 'the kind is unknown', request: deskAppeal({ kind: 'letter' }), field: 'kind' },
    { condition: 'the channel is a public one', request: deskAppeal({ channel: 'site' }), field: 'channel' },
    { condition: 'the raw payload is not JSON', request: deskAppeal({ rawPayloadJson: '{oops' }), field: 'rawPayloadJson' },
    { condition: 'the operator is empty', request: deskAppeal({ reception: { operatorId: '', answeredOnTheSpot: true } }), field: 'reception.operatorId' },
    { condition: 'a personal reception (59-ФЗ ст. 13) has no reception card', request: deskAppeal({ oral: 'personal-reception', reception: undefined }), field: 'reception' },
    { condition: 'a hotline call comes with a reception card (the hotline is not a personal reception)', request: deskAppeal({ oral: 'hotline' }), field: 'reception' },
    { condition: 'the oral intake is unknown', request: deskAppeal({ oral: 'letter' }), field: 'oral' },
    { condition: 'a platform item says it is oral', request: deskAppeal({ channel: 'pos', reception: undefined, oral: 'hotline' }), field: 'oral' },
    {
      condition: 'the card says answered on the spot without the citizen’s consent (59-ФЗ ст. 13 ч. 3)',
      request: deskAppeal({ reception: { operatorId: 'operator-7', answeredOnTheSpot: true, oralAnswer: 'Ответ дан', citizenConsentedToOralAnswer: false } }),
      field: 'reception.citizenConsentedToOralAnswer',
    },
    {
      condition: 'the identity document on the card is of an unknown kind (59-ФЗ ст. 13 ч. 2)',
      request: deskAppeal({ reception: { operatorId: 'operator-7', answeredOnTheSpot: false, identityDocument: { kind: 'library-card', seriesNumber: '12' } } }),
      field: 'reception.identityDocument.kind',
    },
  ];
  for (const { condition, request, field } of invalid) {
    it<IngestContext>(`RegisterAppeal: when ${condition}, answers INVALID_ARGUMENT naming ${field} and publishes nothing`, async (context) => {
      const { expect, scenario } = context;
      const error = await clientOf(context).register(request).then(
        () => undefined,
        (thrown: unknown) => thrown as ServiceError,
      );

      expect(error?.code).toBe(status.INVALID_ARGUMENT);
      expect(error?.details).toMatch(new RegExp(`^${field.replaceAll('.', '\\.')}: `));
      expect(error?.metadata.get('invalid-fields')).toEqual([field]);
      await scenario.received.readToEnd();
      expect(scenario.received.messages).toHaveLength(0);
    });
  }

  it<IngestContext>('FindAppealsByPerson and the pre-screen: the same person on another channel with a similar text is found and named similar, and one unanswered appeal is no art. 11 repeat (59-ФЗ ст. 11 ч. 5)', async (context) => {
    const { expect, scenario } = context;
    const { register, findByPerson } = clientOf(context);
    const site = (
      await postAppeal(
        scenario.ingest.app,
        aSubmission('site', {
          author: { name: 'Кузнецов Олег Павлович', phone: '+7 903 555 12 34', email: 'kuznetsov@example.org' },
          text: 'Во дворе дома 3 по улице Мира сломаны качели на детской площадке, прошу отремонтировать.',
        }),
      )
    ).json<Acknowledgement>();

    const desk = await register(deskAppeal());
    const found = await findByPerson({ phone: '+79035551234' });

    expect(desk.similarAppealIds).toEqual([site.id]);
    expect(desk.screening).toEqual([]);
    expect(found.appeals.map((a) => [a.appealId, a.channel])).toEqual([
      [desk.appealId, 'desk'],
      [site.id, 'site'],
    ]);
  });

  it<IngestContext>('the pre-screen: an appeal without a surname or postal and e-mail address is flagged anonymous, and still registered', async (context) => {
    const { expect, scenario } = context;
    const response = await clientOf(context).register(deskAppeal({ author: { name: 'Олег', phone: '+79035550000' } }));

    expect(response.screening.map((f) => [f.flag, f.basis])).toEqual([['anonymous', '59-ФЗ ст. 11 ч. 1']]);
    const [message] = await scenario.received.waitForAppeal(response.appealId);
    expect(AppealReceived.parse(message?.value).screening).toEqual([expect.objectContaining({ flag: 'anonymous' })]);
  });
});
