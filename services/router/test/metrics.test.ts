import { createTeardown, waitFor } from '@priemnaya/testing';
import { Partitioners } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anAppeal } from './support/appeals.js';
import { createRouterScenario, type RouterScenario } from './support/router-harness.js';

const HEATING_IN_THE_STAIRWELL = 'В подъезде дома 12 по улице Мира нет отопления, батареи холодные';
const MATCHES_NO_RULE = 'Прошу сообщить, когда будет рассмотрено моё предложение';

/** The value of the one series of `name` whose labels include every one given, or 0 when there is none yet. */
function valueOf(text: string, name: string, labels: Record<string, string>): number {
  const line = text
    .split('\n')
    .find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
  return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  const teardown = createTeardown();
  let scenario: RouterScenario;
  const scrape = async () => {
    const response = await scenario.router.http.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    return response.body;
  };

  beforeAll(async () => {
    scenario = await createRouterScenario(teardown);
    await scenario.start();
  });
  afterAll(() => teardown.run());

  it('after routing an appeal by a rule and triaging another, counts each by topic and by what decided, with the confidence and the triage share', async () => {
    const before = await scrape();
    const routedByRule = { topic: 'housing', decided_by: 'rule' };
    const triaged = { topic: 'none', decided_by: 'triage' };
    const heating = anAppeal(HEATING_IN_THE_STAIRWELL);
    const unclear = anAppeal(MATCHES_NO_RULE);
    await scenario.publisher.publish([{ topic: 'appeals.received', payload: heating }, { topic: 'appeals.received', payload: unclear }]);
    await scenario.firstOn(scenario.topics.tasks, heating.appealId);
    await scenario.firstOn(scenario.topics.triage, unclear.appealId);

    // Counted once the transaction has committed, just after the messages became visible.
    const after = await waitFor(async () => {
      const text = await scrape();
      return valueOf(text, 'priemnaya_appeals_routed_total', triaged) > valueOf(before, 'priemnaya_appeals_routed_total', triaged) ? text : undefined;
    }, { description: 'the triaged appeal counted' });
    expect(valueOf(after, 'priemnaya_appeals_routed_total', routedByRule) - valueOf(before, 'priemnaya_appeals_routed_total', routedByRule)).toBe(1);
    expect(valueOf(after, 'priemnaya_appeals_routed_total', triaged) - valueOf(before, 'priemnaya_appeals_routed_total', triaged)).toBe(1);
    expect(after).toMatch(/^priemnaya_router_classifier_confidence_count\{topic="[a-z-]+"\} [1-9]/m);
    expect(after).toMatch(/^priemnaya_router_triage_share 0\.5$/m);
    expect(after).not.toContain('Мира');
  });

  it('reports the consumer group lag on appeals.received by partition, down to 0 once everything is routed, and the messages consumed', async () => {
    const text = await waitFor(async () => {
      const scraped = await scrape();
      const line = scraped.split('\n').find((candidate) => candidate.startsWith('priemnaya_kafka_consumer_lag{') && candidate.includes(`topic="${scenario.topics.received}"`));
      return line?.endsWith(' 0') ? scraped : undefined;
    }, { description: 'the lag on appeals.received reported as 0' });
    expect(text).toMatch(new RegExp(`^priemnaya_kafka_consumer_lag\\{group="[^"]+",topic="${scenario.topics.received.replaceAll('.', '\\.')}",partition="\\d+"\\} 0$`, 'm'));
    expect(valueOf(text, 'priemnaya_kafka_messages_consumed_total', { topic: scenario.topics.received, outcome: 'handled' })).toBeGreaterThanOrEqual(2);
  });

  it('counts a message that cannot be decoded as dead-lettered, by the topic it came from', async () => {
    const before = valueOf(await scrape(), 'priemnaya_kafka_messages_dead_lettered_total', { topic: scenario.topics.received });
    const producer = scenario.testKafka.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
    await producer.connect();
    try {
      await producer.send({ topic: scenario.topics.received, acks: -1, messages: [{ key: 'not-json', value: '{"appealId": ' }] });
    } finally {
      await producer.disconnect();
    }
    await waitFor(() => scenario.outputs.messages.find((message) => message.topic === scenario.topics.deadLetters && message.key === 'not-json'), {
      description: 'the dead letter',
    });
    const text = await waitFor(async () => {
      const scraped = await scrape();
      return valueOf(scraped, 'priemnaya_kafka_messages_dead_lettered_total', { topic: scenario.topics.received }) > before ? scraped : undefined;
    }, { description: 'the dead letter counted' });
    expect(valueOf(text, 'priemnaya_kafka_messages_dead_lettered_total', { topic: scenario.topics.received }) - before).toBe(1);
    expect(valueOf(text, 'priemnaya_kafka_messages_consumed_total', { topic: scenario.topics.received, outcome: 'dead-lettered' })).toBeGreaterThanOrEqual(1);
  });

  it('counts HTTP requests by route template and status, and leaves the probes out', async () => {
    await scenario.router.http.inject({ method: 'GET', url: '/v1/routing/rules' });
    await scenario.router.http.inject({ method: 'GET', url: '/readyz' });
    const text = await scrape();
    expect(valueOf(text, 'priemnaya_http_requests_total', { method: 'GET', route: '/v1/routing/rules', status: '401' })).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^priemnaya_http_request_duration_seconds_count\{method="GET",route="\/v1\/routing\/rules"\} [1-9]/m);
    expect(text).not.toContain('route="/readyz"');
    expect(text).toContain('priemnaya_process_resident_memory_bytes');
  });
});
