import { connect } from 'node:net';
import { createBrokerProbe } from '@priemnaya/kafka';
import { createTeardown, startPrivateKafka, waitFor } from '@priemnaya/testing';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The broker probe behind every service's `kafka` readiness check, against a broker of the test's
 * own that it stops and starts again.
 */
describe('createBrokerProbe', () => {
  const teardown = createTeardown();
  afterAll(() => teardown.run(), 120_000);

  it('answers true while the broker answers, false while it is stopped and true once it is back, over the same connections however often it is asked', async () => {
    const broker = teardown.add(await startPrivateKafka(), (it) => it.remove());
    let socketsOpened = 0;
    // kafkajs's own socket factory, counting: a probe must not open a connection of its own.
    const kafka = new Kafka({
      clientId: 'broker-probe-test',
      brokers: broker.brokers,
      connectionTimeout: 1_000,
      logLevel: logLevel.NOTHING,
      socketFactory: ({ host, port, onConnect }) => {
        socketsOpened += 1;
        return connect({ host, port }, onConnect);
      },
    });
    // Asked anew on every probe, so each one reaches the broker.
    const probe = teardown.add(createBrokerProbe(kafka, { maxAgeMs: 0 }), (it) => it.close());

    expect(await probe.reachable()).toBe(true);
    const opened = socketsOpened;
    for (let i = 0; i < 20; i++) expect(await probe.reachable()).toBe(true);
    expect(socketsOpened).toBe(opened);

    await broker.stop();
    await waitFor(async () => (await probe.reachable()) === false || undefined, { timeoutMs: 60_000, description: 'the probe to answer false' });

    await broker.start();
    await waitFor(async () => (await probe.reachable()) || undefined, { timeoutMs: 120_000, intervalMs: 500, description: 'the probe to answer true again' });
  }, 300_000);
});
