import { status } from '@grpc/grpc-js';
import { AppealReceived } from '@priemnaya/contracts';
import { Writable } from 'node:stream';
import type {
  RegisterHotlineCallRequest,
  RegisterHotlineCallResponse,
  RegisterOralAppealRequest,
  RegisterOralAppealResponse,
} from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { createLogger } from '@priemnaya/observability';
import { uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityYear, postAppeal, type Acknowledgement } from '../../ingest/test/support/ingest-harness.js';
import { aPhone, aSurname, callDesk, failureOf, receptionFacts, staffMetadata, startDeskScenario, type DeskScenario } from './support/desk-harness.js';

function aCard(overrides: Partial<RegisterOralAppealRequest> = {}): RegisterOralAppealRequest {
  return {
    operatorId: 'operator-7',
    idempotencyKey: uniqueName('card'),
    citizen: { name: `${aSurname()} Мария Петровна`, phone: aPhone(), postalAddress: 'г. Курск, ул. Ленина, д. 5, кв. 12' },
    problemAddress: 'ул. Ленина, 5',
    text: 'Во дворе дома 5 по улице Ленина третью неделю не горят фонари',
    answeredOnTheSpot: false,
    citizenConsentedToOralAnswer: false,
    ...receptionFacts(),
    ...overrides,
  };
}

describe('DeskService/RegisterOralAppeal', () => {
  let scenario: DeskScenario;
  const register = (request: RegisterOralAppealRequest) =>
    callDesk<RegisterOralAppealRequest, RegisterOralAppealResponse>(scenario.desk.registerOralAppeal.bind(scenario.desk), request);

  beforeAll(async () => {
    scenario = await startDeskScenario();
  });
  afterAll(() => scenario.teardown.run());

  it('59-ФЗ ст. 13 ч. 3: when answered on the spot with consent, registers it and publishes it on the desk channel with its reception card, the consent on it', async () => {
    const card = aCard({ answeredOnTheSpot: true, citizenConsentedToOralAnswer: true, oralAnswer: 'Замена ламп назначена на пятницу' });
    const registration = await register(card);

    expect(registration.registrationNumber).toMatch(new RegExp(`^\\d{5}/${cityYear()}$`));
    expect(registration.replayed).toBe(false);
    const [message] = await scenario.received.waitForAppeal(registration.appealId);
    const appeal = AppealReceived.parse(message?.value);
    expect(appeal).toMatchObject({
      registrationNumber: registration.registrationNumber,
      channel: 'desk',
      kind: 'appeal',
      text: card.text,
      problemAddress: card.problemAddress,
      author: { name: card.citizen?.name, phone: card.citizen?.phone, postalAddress: card.citizen?.postalAddress },
      oral: 'personal-reception',
      reception: { operatorId: 'operator-7', answeredOnTheSpot: true, citizenConsentedToOralAnswer: true, oralAnswer: 'Замена ламп назначена на пятницу' },
      raw: { format: 'grpc', body: { operatorId: 'operator-7', idempotencyKey: card.idempotencyKey, citizenConsentedToOralAnswer: true } },
    });
  });

  it('when not answered on the spot, registers it with a reception card that holds no oral answer', async () => {
    const registration = await register(aCard());

    const [message] = await scenario.received.waitForAppeal(registration.appealId);
    const appeal = AppealReceived.parse(message?.value);
    expect(appeal.channel).toBe('desk');
    expect(appeal.reception).toEqual({ operatorId: 'operator-7', answeredOnTheSpot: false, citizenConsentedToOralAnswer: false, ...receptionFacts() });
  });

  it('59-ФЗ ст. 13 ч. 1-2: the card records the official who conducted the reception, beside the operator who typed it, and the identity document the citizen presented', async () => {
    const card = aCard({
      conductedBy: { staffId: 'head-1', name: 'Петров Пётр Петрович', position: 'глава города' },
      identityDocument: { kind: 'military-id', seriesNumber: 'АБ 1234567' },
    });
    const registration = await register(card);

    const [message] = await scenario.received.waitForAppeal(registration.appealId);
    expect(AppealReceived.parse(message?.value).reception).toMatchObject({
      operatorId: 'operator-7',
      conductedBy: { staffId: 'head-1', name: 'Петров Пётр Петрович', position: 'глава города' },
      identityDocument: { kind: 'military-id', seriesNumber: 'АБ 1234567' },
    });
  });

  it('59-ФЗ ст. 13 ч. 2: without an identity document or the official who conducted the reception, fails with INVALID_ARGUMENT naming each and registers nothing', async () => {
    const before = scenario.received.messages.length;
    const { identityDocument: _document, conductedBy: _official, ...bare } = aCard();
    const missing = await failureOf(register(bare));
    const blank = await failureOf(register(aCard({ identityDocument: { kind: '', seriesNumber: ' ' }, conductedBy: { staffId: 'head-1', name: '', position: '' } })));

    expect(missing.code).toBe(status.INVALID_ARGUMENT);
    expect(missing.metadata.get('invalid-fields')[0]?.toString().split(',').sort()).toEqual(['conducted_by', 'identity_document']);
    expect(missing.details).toContain('identity_document: is required: the citizen presents an identity document at a personal reception (59-ФЗ ст. 13 ч. 2)');
    expect(blank.metadata.get('invalid-fields')[0]?.toString().split(',').sort()).toEqual([
      'conducted_by.name',
      'conducted_by.position',
      'identity_document.kind',
      'identity_document.series_number',
    ]);
    expect(scenario.received.messages.length).toBe(before);
  });

  it('59-ФЗ ст. 13 ч. 2: a passport of the RF whose series and number are not 10 digits, or an unknown kind of document, is refused naming the field without quoting the number', async () => {
    const shortPassport = await failureOf(register(aCard({ identityDocument: { kind: 'passport-rf', seriesNumber: '38 04 1234' } })));
    const unknownKind = await failureOf(register(aCard({ identityDocument: { kind: 'library-card', seriesNumber: '77 1234' } })));

    expect(shortPassport.code).toBe(status.INVALID_ARGUMENT);
    expect(shortPassport.details).toBe('identity_document.series_number: must be 10 digits for passport-rf: a series of 4 and a number of 6');
    expect(unknownKind.details).toMatch(/^identity_document\.kind: must be one of passport-rf, /);
    for (const error of [shortPassport, unknownKind]) expect(error.details).not.toMatch(/1234/);
  });

  it('59-ФЗ ст. 13 ч. 2: the identity document number is stored on the appeal and never reaches the desk’s log', async () => {
    const lines: string[] = [];
    const logger = createLogger({
      service: 'desk',
      destination: new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    });
    const desk = await scenario.startDesk({ routerUrl: scenario.routerUrl, logger });
    const card = aCard({ identityDocument: { kind: 'passport-rf', seriesNumber: '4510 987654' } });
    const registration = await callDesk<RegisterOralAppealRequest, RegisterOralAppealResponse>(desk.registerOralAppeal.bind(desk), card);
    await failureOf(callDesk<RegisterOralAppealRequest, RegisterOralAppealResponse>(desk.registerOralAppeal.bind(desk), { ...card, idempotencyKey: uniqueName('card'), text: '' }));

    const [message] = await scenario.received.waitForAppeal(registration.appealId);
    expect(AppealReceived.parse(message?.value).reception?.identityDocument?.seriesNumber).toBe('4510 987654');
    expect(lines.some((line) => line.includes('RegisterOralAppeal'))).toBe(true);
    expect(lines.filter((line) => line.includes('987654'))).toEqual([]);
  });

  it('when the client retries with the same idempotency key, returns the first registration number', async () => {
    const card = aCard();
    const first = await register(card);
    const retry = await register(card);

    expect(retry).toMatchObject({ appealId: first.appealId, registrationNumber: first.registrationNumber, replayed: true });
    expect(first.replayed).toBe(false);
  });

  it('when the idempotency key comes again with a different appeal, fails with ALREADY_EXISTS naming idempotency_key', async () => {
    const card = aCard();
    await register(card);
    const error = await failureOf(register({ ...card, text: 'Совсем другое обращение о ремонте крыши' }));

    expect(error.code).toBe(status.ALREADY_EXISTS);
    expect(error.details).toContain('idempotency_key');
  });

  it('when required fields are missing, fails with INVALID_ARGUMENT naming each of them and registers nothing (the operator comes from the token)', async () => {
    const before = scenario.received.messages.length;
    const error = await failureOf(
      register({ operatorId: '', idempotencyKey: '', citizen: { name: '  ' }, text: '', answeredOnTheSpot: true, citizenConsentedToOralAnswer: false }),
    );
    // 59-ФЗ ст. 13 ч. 3: answered orally only with the citizen's consent.

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    const fields = error.metadata.get('invalid-fields')[0]?.toString().split(',').sort();
    expect(fields).toEqual(['citizen.name', 'citizen_consented_to_oral_answer', 'conducted_by', 'idempotency_key', 'identity_document', 'oral_answer', 'text']);
    expect(error.details).toContain('oral_answer: is required when answered_on_the_spot');
    expect(error.details).toContain('citizen_consented_to_oral_answer: must be true when answered_on_the_spot (59-ФЗ ст. 13 ч. 3)');
    expect(scenario.received.messages.length).toBe(before);
  });

  it('when the citizen is missing, or an oral answer comes without answering on the spot, names the field', async () => {
    const { citizen: _citizen, ...withoutCitizen } = aCard();
    const missing = await failureOf(register(withoutCitizen));
    const unasked = await failureOf(register(aCard({ oralAnswer: 'Ответ дан устно' })));

    expect([missing.code, unasked.code]).toEqual([status.INVALID_ARGUMENT, status.INVALID_ARGUMENT]);
    expect(missing.details).toBe('citizen: is required');
    expect(unasked.details).toBe('oral_answer: must be empty unless answered_on_the_spot');
  });

  it('when the citizen has an open appeal on the same matter from the site form, warns with it, and flags no art. 11 repeat (59-ФЗ ст. 11 ч. 5 needs answers on the merits)', async () => {
    const phone = aPhone();
    const surname = aSurname();
    const response = await postAppeal(scenario.ingest.app, {
      text: 'Во дворе дома 5 по улице Ленина не горят фонари, темно вечером',
      author: { name: `${surname} Анна`, phone, email: `${uniqueName('citizen')}@example.org` },
    });
    expect(response.statusCode).toBe(202);
    const earlier = response.json<Acknowledgement>();
    // The registry has recorded it: the warning then carries its status.
    await waitFor(async () => (await fetch(`${scenario.registryUrl}/v1/appeals/${earlier.id}/status`)).ok, { description: 'the registry to record the site appeal' });

    const registration = await register(aCard({ citizen: { name: `${surname} Анна`, phone } }));

    expect(registration.screening.map((finding) => finding.flag)).not.toContain('repeat');
    expect(registration.similarOpenAppeals).toEqual([
      { appealId: earlier.id, registrationNumber: earlier.registrationNumber, channel: 'site', receivedAt: expect.any(String) as string, status: 'received' },
    ]);
    expect(registration.similarOpenAppealsIncomplete).toBe(false);
  });
});

describe('DeskService/RegisterHotlineCall', () => {
  let scenario: DeskScenario;
  const call = (request: RegisterHotlineCallRequest) =>
    callDesk<RegisterHotlineCallRequest, RegisterHotlineCallResponse>(scenario.desk.registerHotlineCall.bind(scenario.desk), request);
  const aCall = (overrides: Partial<RegisterHotlineCallRequest> = {}): RegisterHotlineCallRequest => ({
    operatorId: 'operator-7',
    idempotencyKey: uniqueName('call'),
    citizen: { name: `${aSurname()} Ирина Олеговна`, phone: aPhone() },
    text: 'Звонок на горячую линию: на остановке Садовая сломан павильон',
    ...overrides,
  });

  beforeAll(async () => {
    scenario = await startDeskScenario();
  });
  afterAll(() => scenario.teardown.run());

  it('59-ФЗ ст. 13: a hotline call is not a personal reception: registered as an oral appeal on the desk channel without a reception card, oral hotline', async () => {
    const request = aCall({ problemAddress: 'ул. Садовая, остановка' });
    const registration = await call(request);
    const retry = await call(request);

    expect(registration.registrationNumber).toMatch(new RegExp(`^\\d{5}/${cityYear()}$`));
    expect(retry).toMatchObject({ appealId: registration.appealId, replayed: true });
    const [message] = await scenario.received.waitForAppeal(registration.appealId);
    const appeal = AppealReceived.parse(message?.value);
    expect(appeal).toMatchObject({ channel: 'desk', kind: 'appeal', oral: 'hotline', text: request.text, problemAddress: 'ул. Садовая, остановка' });
    expect(appeal).not.toHaveProperty('reception');
  });

  it('when the caller has no name or the text is empty, fails with INVALID_ARGUMENT naming each, and a call naming another operator is PERMISSION_DENIED', async () => {
    const invalid = await failureOf(call(aCall({ citizen: { name: ' ' }, text: '' })));
    const impersonating = await failureOf(
      callDesk<RegisterHotlineCallRequest, RegisterHotlineCallResponse>(scenario.desk.registerHotlineCall.bind(scenario.desk), aCall({ operatorId: 'operator-99' }), await staffMetadata({ staffId: 'operator-7' })),
    );

    expect(invalid.code).toBe(status.INVALID_ARGUMENT);
    expect(invalid.metadata.get('invalid-fields')[0]?.toString().split(',').sort()).toEqual(['citizen.name', 'text']);
    expect(impersonating.code).toBe(status.PERMISSION_DENIED);
  });
});
