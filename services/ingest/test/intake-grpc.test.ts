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

  const invalid = [
    { condition: 'an oral appeal has no reception card', request: deskAppeal({ reception: undefined }), field: 'reception' },
    { condition: 'the kind is unknown', request: deskAppeal({ kind: 'letter' }), field: 'kind' },
    { condition: 'the channel is a public one', request: deskAppeal({ channel: 'site' }), field: 'channel' },
    { condition: 'the raw payload is not JSON', request: deskAppeal({ rawPayloadJson: '{oops' }), field: 'rawPayloadJson' },
    { condition: 'the operator is empty', request: deskAppeal({ reception: { operatorId: '', answeredOnTheSpot: true } }), field: 'reception.operatorId' },
  ];
  for (const { condition, request, field } of invalid) {
    it<IngestContext>(`RegisterAppeal: when ${condition}, answers INVALID_ARGUMENT naming ${field} and publishes nothing`, async (context) => {
      const { expect, scenario } = context;
      const error = await clientOf(context).register(request).then(
        () => undefined,
        (thrown: unknown) => thrown as ServiceError,
      );

      expect(error?.code).toBe(status.INVALID_ARGUMENT);
      expect(error?.details).toMatch(new RegExp(`^${field.replace('.', '\\.')}: `));
      expect(error?.metadata.get('invalid-fields')).toEqual([field]);
      await scenario.received.readToEnd();
      expect(scenario.received.messages).toHaveLength(0);
    });
  }

  it<IngestContext>('FindAppealsByPerson and the pre-screen: the same person on another channel with a similar text is found and flagged as a repeat', async (context) => {
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

    expect(desk.screening).toEqual([expect.objectContaining({ flag: 'repeat', relatedAppealIds: [site.id] })]);
    expect(found.appeals.map((a) => [a.appealId, a.channel])).toEqual([
      [desk.appealId, 'desk'],
      [site.id, 'site'],
    ]);
  });

  it<IngestContext>('the pre-screen: an appeal without a surname or postal and e-mail address is flagged anonymous, and still registered', async (context) => {
    const { expect, scenario } = context;
    const response = await clientOf(context).register(deskAppeal({ author: { name: 'Олег', phone: '+79035550000' } }));

    expect(response.screening.map((f) => f.flag)).toEqual(['anonymous']);
    const [message] = await scenario.received.waitForAppeal(response.appealId);
    expect(AppealReceived.parse(message?.value).screening).toEqual([expect.objectContaining({ flag: 'anonymous' })]);
  });
});
