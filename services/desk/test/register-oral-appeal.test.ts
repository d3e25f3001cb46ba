import { status } from '@grpc/grpc-js';
import { AppealReceived } from '@priemnaya/contracts';
import type { RegisterOralAppealRequest, RegisterOralAppealResponse } from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityYear, postAppeal, type Acknowledgement } from '../../ingest/test/support/ingest-harness.js';
import { aPhone, aSurname, callDesk, failureOf, startDeskScenario, type DeskScenario } from './support/desk-harness.js';

function aCard(overrides: Partial<RegisterOralAppealRequest> = {}): RegisterOralAppealRequest {
  return {
    operatorId: 'operator-7',
    idempotencyKey: uniqueName('card'),
    citizen: { name: `${aSurname()} Мария Петровна`, phone: aPhone(), postalAddress: 'г. Курск, ул. Ленина, д. 5, кв. 12' },
    problemAddress: 'ул. Ленина, 5',
    text: 'Во дворе дома 5 по улице Ленина третью неделю не горят фонари',
    answeredOnTheSpot: false,
    citizenConsentedToOralAnswer: false,
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

  it('when answered on the spot with consent, registers it and publishes it on the desk channel with its reception card', async () => {
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
      reception: { operatorId: 'operator-7', answeredOnTheSpot: true, oralAnswer: 'Замена ламп назначена на пятницу' },
      raw: { format: 'grpc', body: { operatorId: 'operator-7', idempotencyKey: card.idempotencyKey, citizenConsentedToOralAnswer: true } },
    });
  });

  it('when not answered on the spot, registers it with a reception card that holds no oral answer', async () => {
    const registration = await register(aCard());

    const [message] = await scenario.received.waitForAppeal(registration.appealId);
    const appeal = AppealReceived.parse(message?.value);
    expect(appeal.channel).toBe('desk');
    expect(appeal.reception).toEqual({ operatorId: 'operator-7', answeredOnTheSpot: false });
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

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    const fields = error.metadata.get('invalid-fields')[0]?.toString().split(',').sort();
    expect(fields).toEqual(['citizen.name', 'citizen_consented_to_oral_answer', 'idempotency_key', 'oral_answer', 'text']);
    expect(error.details).toContain('oral_answer: is required when answered_on_the_spot');
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

  it('when the citizen has an open appeal on the same matter from the site form, warns with it and flags a repeat', async () => {
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

    expect(registration.screening.find((finding) => finding.flag === 'repeat')?.relatedAppealIds).toEqual([earlier.id]);
    expect(registration.similarOpenAppeals).toEqual([
      { appealId: earlier.id, registrationNumber: earlier.registrationNumber, channel: 'site', receivedAt: expect.any(String) as string, status: 'received' },
    ]);
    expect(registration.similarOpenAppealsIncomplete).toBe(false);
  });
});
