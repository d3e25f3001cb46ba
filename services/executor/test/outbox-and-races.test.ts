import type { AppealEvent } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { UnavailableError } from '@priemnaya/errors';
import { createPublisher, type Publisher } from '@priemnaya/kafka';
import { uniqueName } from '@priemnaya/testing';
import { describe, it } from 'vitest';
import { createWorkLog, WorkVersionTaken } from '../src/data-access/work-log.js';
import type { WorkEvent } from '../src/domain/work-state.js';
import { deliverTask, executorOf, infra, startExecutorScenario, tasksOf } from './support/executor-harness.js';
import { act, done, eventsUntil } from './support/work-steps.js';

const zhkh = executorOf('zhkh');

describe.concurrent('the outbox of appeals.events', () => {
  it('when Kafka does not take the event, the action still succeeds; the next action produces it first, in order, and the relay adds no copy', async ({ expect, onTestFinished }) => {
    let brokerDown = false;
    const scenario = await startExecutorScenario(onTestFinished, {
      eventPublisher: (testKafka): Publisher => {
        const real = createPublisher({ kafka: testKafka.kafka, names: testKafka.names });
        return {
          connect: () => real.connect(),
          disconnect: () => real.disconnect(),
          publish: async (messages) => {
            if (brokerDown) throw new UnavailableError('Kafka did not acknowledge the messages (test)');
            await real.publish(messages);
          },
        };
      },
    });
    const task = await deliverTask(scenario);

    brokerDown = true;
    const accepted = await done(act(scenario.executor, zhkh, 'zhkh', task.appealId, 'accept'));
    await scenario.events.readToEnd();
    expect(scenario.events.ofAppeal(task.appealId)).toEqual([]);
    brokerDown = false;
    const requested = await done(act(scenario.executor, zhkh, 'zhkh', task.appealId, 'extension-requests', { days: 3, justification: 'выезд' }));
    await eventsUntil(scenario, task.appealId, requested.event.eventId);
    expect(await scenario.executor.service.relay.relayOnce()).toBe(0);
    await scenario.events.readToEnd();

    expect(scenario.events.ofAppeal(task.appealId).map((message) => (message.value as AppealEvent).eventId)).toEqual([accepted.event.eventId, requested.event.eventId]);
  });

  it('when Kafka does not take the event and nothing else happens, the relay produces it once', async ({ expect, onTestFinished }) => {
    let brokerDown = false;
    const scenario = await startExecutorScenario(onTestFinished, {
      eventPublisher: (testKafka): Publisher => {
        const real = createPublisher({ kafka: testKafka.kafka, names: testKafka.names });
        return {
          connect: () => real.connect(),
          disconnect: () => real.disconnect(),
          publish: async (messages) => {
            if (brokerDown) throw new UnavailableError('Kafka did not acknowledge the messages (test)');
            await real.publish(messages);
          },
        };
      },
    });
    const task = await deliverTask(scenario);
    brokerDown = true;
    const accepted = await done(act(scenario.executor, zhkh, 'zhkh', task.appealId, 'accept'));
    brokerDown = false;

    expect(await scenario.executor.service.relay.relayOnce()).toBe(1);
    await eventsUntil(scenario, task.appealId, accepted.event.eventId);
    expect(await scenario.executor.service.relay.relayOnce()).toBe(0);
    await scenario.events.readToEnd();
    expect(scenario.events.ofAppeal(task.appealId)).toHaveLength(1);
  });
});

describe.concurrent('the relay across tasks', () => {
  it('relays every other task when one task\'s events keep failing, and that one on a later run', async ({ expect, onTestFinished }) => {
    const failing = new Set<string>();
    let brokerDown = false;
    const scenario = await startExecutorScenario(onTestFinished, {
      eventPublisher: (testKafka): Publisher => {
        const real = createPublisher({ kafka: testKafka.kafka, names: testKafka.names });
        return {
          connect: () => real.connect(),
          disconnect: () => real.disconnect(),
          publish: async (messages) => {
            const appealIds = messages.map((message) => (message.payload as { appealId: string }).appealId);
            if (brokerDown || appealIds.some((id) => failing.has(id))) throw new UnavailableError('Kafka did not acknowledge the messages (test)');
            await real.publish(messages);
          },
        };
      },
    });
    const tasks = [await deliverTask(scenario), await deliverTask(scenario)];
    brokerDown = true;
    const accepted = await Promise.all(tasks.map((task) => done(act(scenario.executor, zhkh, 'zhkh', task.appealId, 'accept'))));
    brokerDown = false;
    // The relay goes stream by stream in id order: the first one fails.
    const [stuck, other] = [...tasks.keys()].sort((a, b) => (tasks[a]?.appealId ?? '').localeCompare(tasks[b]?.appealId ?? ''));
    const stuckTask = tasks[stuck ?? 0];
    const otherTask = tasks[other ?? 1];
    if (!stuckTask || !otherTask) throw new Error('unreachable');
    failing.add(stuckTask.appealId);

    expect(await scenario.executor.service.relay.relayOnce()).toBe(1);
    await eventsUntil(scenario, otherTask.appealId, accepted[other ?? 1]?.event.eventId ?? '');
    failing.clear();
    expect(await scenario.executor.service.relay.relayOnce()).toBe(1);
    await eventsUntil(scenario, stuckTask.appealId, accepted[stuck ?? 0]?.event.eventId ?? '');
  });
});

describe.concurrent('a crash between recording an action and updating its view', () => {
  it('leaves the listed status stale until the relay, which folds the work log again and takes a handed-back task off the list', async ({ expect, onTestFinished }) => {
    const scenario = await startExecutorScenario(onTestFinished);
    const task = await deliverTask(scenario);
    await done(act(scenario.executor, zhkh, 'zhkh', task.appealId, 'accept'));
    // What the action writes before the process stops: the work log entry, not the view.
    const handedBack: WorkEvent & AppealEvent = {
      version: 1,
      eventId: crypto.randomUUID(),
      type: 'appeal.handed-back',
      appealId: task.appealId,
      registrationNumber: task.registrationNumber,
      occurredAt: new Date().toISOString(),
      channel: 'site',
      receivedAt: task.receivedAt,
      by: zhkh.staffId,
      unit: 'zhkh',
      reason: 'это дороги',
    };
    await createWorkLog(scenario.db).append(2, handedBack, new Date(Date.now() - 1_000));
    expect((await tasksOf(scenario.executor, 'zhkh')).find((listed) => listed.appealId === task.appealId)?.status).toBe('accepted');

    expect(await scenario.executor.service.relay.relayOnce()).toBe(1);

    expect((await tasksOf(scenario.executor, 'zhkh')).map((listed) => listed.appealId)).not.toContain(task.appealId);
    await eventsUntil(scenario, task.appealId, handedBack.eventId);
  });
});

describe.concurrent('work log versions on FerretDB', () => {
  it('when many writers record the same version at once, exactly one insert wins and the others learn it was taken', async ({ expect, onTestFinished }) => {
    const database = await connectDatabase(infra.mongoUrl, uniqueName('executor-race'));
    onTestFinished(async () => {
      await database.db.dropDatabase();
      await database.close();
    });
    const log = createWorkLog(database.db);
    const event = (by: string) =>
      ({
        version: 1,
        eventId: crypto.randomUUID(),
        type: 'appeal.accepted',
        appealId: '6f1c0a52-5d4e-4a43-9d1c-9b8f6b0a4b11',
        registrationNumber: '00001/2026',
        occurredAt: '2026-11-22T10:00:00.000Z',
        channel: 'site',
        receivedAt: '2026-11-22T09:00:00.000Z',
        by,
        unit: 'zhkh',
      }) satisfies WorkEvent;

    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => log.append(1, event(`e-${index}`), new Date())));

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((result) => result.status === 'rejected');
    expect(rejected).toHaveLength(11);
    for (const failure of rejected) expect(failure.reason).toBeInstanceOf(WorkVersionTaken);
    const history = await log.history('6f1c0a52-5d4e-4a43-9d1c-9b8f6b0a4b11', 'zhkh');
    expect(history.map((action) => action.version)).toEqual([1]);
  });
});
