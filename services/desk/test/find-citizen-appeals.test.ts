import { status } from '@grpc/grpc-js';
import type {
  FindCitizenAppealsRequest,
  FindCitizenAppealsResponse,
  RegisterOralAppealRequest,
  RegisterOralAppealResponse,
} from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { uniqueName, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postAppeal, type Acknowledgement } from '../../ingest/test/support/ingest-harness.js';
import { aPhone, aSurname, callDesk, failureOf, receptionFacts, startDeskScenario, type DeskScenario } from './support/desk-harness.js';

describe('DeskService/FindCitizenAppeals', () => {
  let scenario: DeskScenario;
  const find = (request: FindCitizenAppealsRequest) =>
    callDesk<FindCitizenAppealsRequest, FindCitizenAppealsResponse>(scenario.desk.findCitizenAppeals.bind(scenario.desk), request);
  const register = (request: RegisterOralAppealRequest) =>
    callDesk<RegisterOralAppealRequest, RegisterOralAppealResponse>(scenario.desk.registerOralAppeal.bind(scenario.desk), request);

  beforeAll(async () => {
    scenario = await startDeskScenario();
  });
  afterAll(() => scenario.teardown.run());

  it('when the citizen wrote through the site form and came to the desk, finds both by phone, newest first, with their statuses', async () => {
    const phone = aPhone();
    const name = `${aSurname()} Пётр Ильич`;
    const site = await postAppeal(scenario.ingest.app, {
      text: 'Прошу отремонтировать детскую площадку во дворе',
      author: { name, email: `${uniqueName('citizen')}@example.org`, phone },
    });
    expect(site.statusCode).toBe(202);
    const written = site.json<Acknowledgement>();
    // Written differently at the desk: normalised, it is the same phone.
    const oral = await register({
      operatorId: 'operator-3',
      idempotencyKey: uniqueName('card'),
      citizen: { name, phone: phone.replace('+7', '8').replace(/[ -]/g, '') },
      text: 'Автобус 12 не приходит по расписанию',
      answeredOnTheSpot: false,
      citizenConsentedToOralAnswer: false,
      ...receptionFacts(),
    });

    // Both recorded by the registry, so both carry their status.
    const found = await waitFor(
      async () => {
        const response = await find({ citizen: { phone }, limit: 0 });
        return response.appeals.every((appeal) => appeal.status !== undefined) && response.appeals.length === 2 ? response : undefined;
      },
      { description: 'both appeals with their statuses' },
    );
    expect(found.statusesIncomplete).toBe(false);
    expect(found.appeals).toEqual([
      { appealId: oral.appealId, registrationNumber: oral.registrationNumber, channel: 'desk', receivedAt: oral.receivedAt, status: 'received' },
      { appealId: written.id, registrationNumber: written.registrationNumber, channel: 'site', receivedAt: expect.any(String) as string, status: 'received' },
    ]);
  });

  it('when the citizen is known by name only, finds the appeals by surname and first name', async () => {
    const name = `${aSurname()} Ольга Викторовна`;
    const oral = await register({
      operatorId: 'operator-3',
      idempotencyKey: uniqueName('card'),
      citizen: { name },
      text: 'Прошу установить скамейки в сквере',
      answeredOnTheSpot: false,
      citizenConsentedToOralAnswer: false,
      ...receptionFacts(),
    });

    const found = await find({ citizen: { name }, limit: 5 });
    expect(found.appeals.map((appeal) => appeal.appealId)).toEqual([oral.appealId]);
  });

  it('when neither phone, e-mail nor name is given, fails with INVALID_ARGUMENT naming citizen', async () => {
    const error = await failureOf(find({ citizen: { phone: '', postalAddress: 'ул. Ленина, 5' }, limit: 0 }));

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toBe('citizen: needs a phone, an e-mail or a name');
  });

  it('when the phone is malformed or the limit too large, names both', async () => {
    const error = await failureOf(find({ citizen: { phone: 'call me' }, limit: 1000 }));

    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.metadata.get('invalid-fields')[0]?.toString().split(',').sort()).toEqual(['citizen.phone', 'limit']);
  });
});
