import { aPlatformItem } from '@priemnaya/pos-simulator';
import { createLogger } from '@priemnaya/observability';
import { waitFor } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { startPosScenario } from './support/pos-adapter-harness.js';

// Each case has its own topics, ingest, simulator and databases, so the cases run side by side.
describe.concurrent('platform feed GET /api/pos/v1/items', () => {
  it('when the feed has an appeal and a message, registers each on appeals.received with its kind and acknowledges it with its registration number', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const appeal = aPlatformItem('appeal');
    const message = aPlatformItem('message');
    scenario.simulator.enqueue(appeal, message);

    await scenario.startAdapter();
    const [registeredAppeal, registeredMessage] = [await scenario.waitForRegistered(appeal.id), await scenario.waitForRegistered(message.id)];

    expect(registeredAppeal).toMatchObject({
      channel: 'pos',
      kind: 'appeal',
      externalId: appeal.id,
      author: { name: 'Смирнова Ольга Игоревна', email: appeal.author.email, phone: appeal.author.phone },
      text: appeal.text,
      problemAddress: appeal.address?.text,
      raw: { format: 'grpc', body: appeal },
      platform: { category: appeal.category.code, filedAt: appeal.filedAt },
    });
    expect(registeredMessage).toMatchObject({ channel: 'pos', kind: 'platform-message', externalId: message.id });
    expect(scenario.simulator.acknowledgements()).toEqual([
      { itemId: appeal.id, registrationNumber: registeredAppeal.registrationNumber, registeredAt: registeredAppeal.receivedAt, calls: 1 },
      { itemId: message.id, registrationNumber: registeredMessage.registrationNumber, registeredAt: registeredMessage.receivedAt, calls: 1 },
    ]);
  });

  it('when the platform delivers the same item twice, registers one appeal and acknowledges both deliveries with its number', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const item = aPlatformItem('appeal');
    const later = aPlatformItem('message');
    scenario.simulator.enqueue(item);
    scenario.simulator.deliverAgain(item.id);
    scenario.simulator.enqueue(later);
    scenario.simulator.deliverAgain(item.id);

    await scenario.startAdapter();
    const appeal = await scenario.waitForRegistered(item.id);
    await scenario.waitForRegistered(later.id);
    await waitFor(() => scenario.simulator.acknowledgements().find((ack) => ack.itemId === item.id)?.calls === 3, { description: 'three acknowledgements' });
    await scenario.received.readToEnd();

    expect(scenario.appealsOf(item.id)).toHaveLength(1);
    expect(scenario.simulator.acknowledgements().find((ack) => ack.itemId === item.id)?.registrationNumber).toBe(appeal.registrationNumber);
  });

  it('when the adapter restarts without its saved cursor (a crash before the save), reads the feed again and registers nothing twice', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const items = [aPlatformItem('appeal'), aPlatformItem('message')];
    scenario.simulator.enqueue(...items);
    const first = await scenario.startAdapter();
    for (const item of items) await scenario.waitForRegistered(item.id);
    await waitFor(() => scenario.cursors.load(), { description: 'the cursor to be saved' });
    await first.stop();

    await scenario.cursors.reset();
    await scenario.startAdapter();
    await waitFor(() => scenario.simulator.acknowledgements().every((ack) => ack.calls === 2), { description: 'each item acknowledged again' });
    await waitFor(() => scenario.cursors.load(), { description: 'the cursor to be saved again' });
    await scenario.received.readToEnd();

    expect(items.map((item) => scenario.appealsOf(item.id).length)).toEqual([1, 1]);
  });

  it('when an item has an unknown type, sets it aside with the reason, does not acknowledge it, and registers the next item', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const unknown = { ...aPlatformItem('appeal'), type: 'complaint' as 'appeal' };
    const next = aPlatformItem('message');
    scenario.simulator.enqueue(unknown, next);

    await scenario.startAdapter();
    await scenario.waitForRegistered(next.id);

    expect(await scenario.items.findQuarantined(unknown.id)).toEqual({ reason: 'does not match the item schema: type: invalid_value' });
    expect(scenario.simulator.acknowledgements().map((ack) => ack.itemId)).toEqual([next.id]);
  });
});

describe('adapter logs', () => {
  it('when items are registered after failures, log lines carry item ids and numbers but never the author, contacts or text', async ({ expect, onTestFinished }) => {
    const scenario = await startPosScenario(onTestFinished);
    const lines: string[] = [];
    const logger = createLogger({ service: 'pos-adapter', level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
    const item = aPlatformItem('appeal');
    scenario.simulator.enqueue(item);
    scenario.simulator.failNext(1, { status: 500, route: 'acknowledgement' });

    await scenario.startAdapter({ logger });
    const appeal = await scenario.waitForRegistered(item.id);
    await waitFor(() => lines.some((line) => line.includes(appeal.registrationNumber)), { description: 'the registration logged' });

    const log = lines.join('\n');
    expect(log).toContain(item.id);
    for (const personal of [item.author.lastName, item.author.email!, item.author.phone!, item.text, item.address!.text]) expect(log).not.toContain(personal);
  });
});
