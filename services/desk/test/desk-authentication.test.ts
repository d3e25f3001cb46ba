import { Metadata, status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callDesk, failureOf, receptionFacts, staffMetadata, startDeskScenario, type DeskScenario } from './support/desk-harness.js';

const card = {
  operatorId: '',
  idempotencyKey: 'auth-card-1',
  citizen: { name: 'Орлова Нина Викторовна', phone: '+7 911 000-11-22' },
  text: 'Прошу установить скамейку у подъезда.',
  answeredOnTheSpot: false,
  citizenConsentedToOralAnswer: false,
  ...receptionFacts(),
};

describe('gRPC priemnaya.desk.v1.DeskService: who may call it', () => {
  let scenario: DeskScenario;
  beforeAll(async () => {
    scenario = await startDeskScenario();
  });
  afterAll(() => scenario.teardown.run());

  it('without a token, every call is UNAUTHENTICATED naming authorization, and nothing is registered', async () => {
    const before = scenario.received.messages.length;
    const register = await failureOf(callDesk(scenario.desk.registerOralAppeal.bind(scenario.desk), card, new Metadata()));
    const find = await failureOf(callDesk(scenario.desk.findCitizenAppeals.bind(scenario.desk), { citizen: { phone: '+79110001122' }, limit: 5 }, new Metadata()));
    const suggest = await failureOf(callDesk(scenario.desk.suggestTopics.bind(scenario.desk), { text: 'Нет отопления' }, new Metadata()));

    for (const error of [register, find, suggest]) {
      expect(error.code).toBe(status.UNAUTHENTICATED);
      expect(error.details).toMatch(/^authorization: /);
    }
    await scenario.received.readToEnd();
    expect(scenario.received.messages.length).toBe(before);
  });

  it('with a token of another secret, is UNAUTHENTICATED', async () => {
    const forged = new Metadata();
    forged.set('authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    const error = await failureOf(callDesk(scenario.desk.suggestTopics.bind(scenario.desk), { text: 'Нет отопления' }, forged));
    expect(error.code).toBe(status.UNAUTHENTICATED);
  });

  it('an executor or a supervisor is PERMISSION_DENIED: the desk is for intake operators', async () => {
    const executor = await staffMetadata({ staffId: 'e-1', role: 'executor', units: ['zhkh'] });
    const supervisor = await staffMetadata({ staffId: 's-1', role: 'supervisor', units: ['zhkh'] });
    for (const metadata of [executor, supervisor]) {
      const error = await failureOf(callDesk(scenario.desk.registerOralAppeal.bind(scenario.desk), card, metadata));
      expect(error.code).toBe(status.PERMISSION_DENIED);
      expect(error.details).toBe('role: ' + (metadata === executor ? 'executor' : 'supervisor') + ' may not do this');
    }
  });

  it('records the card under the signed-in operator, and refuses a card that names another operator', async () => {
    const metadata = await staffMetadata({ staffId: 'operator-12' });
    const registered = await callDesk(scenario.desk.registerOralAppeal.bind(scenario.desk), { ...card, idempotencyKey: 'auth-card-2' }, metadata);
    const impersonating = await failureOf(
      callDesk(scenario.desk.registerOralAppeal.bind(scenario.desk), { ...card, idempotencyKey: 'auth-card-3', operatorId: 'operator-99' }, metadata),
    );

    const [message] = await scenario.received.waitForAppeal(registered.appealId);
    expect((message?.value as { reception: { operatorId: string } }).reception.operatorId).toBe('operator-12');
    expect(impersonating.code).toBe(status.PERMISSION_DENIED);
    expect(impersonating.details).toMatch(/^operator_id: /);
  });
});
