import { randomUUID } from 'node:crypto';
import { formatRegistrationNumber, type AppealReceived } from '@priemnaya/contracts';
import { Partitioners } from 'kafkajs';

let sequence = 0;

/** An appeal as ingest publishes it to `appeals.received`. */
export function anAppeal(text: string, overrides: Partial<AppealReceived> = {}): AppealReceived {
  return {
    version: 2,
    appealId: randomUUID(),
    registrationNumber: formatRegistrationNumber(++sequence, 2026),
    channel: 'site',
    receivedAt: new Date().toISOString(),
    author: { name: 'Петров Пётр', email: 'petrov@example.org' },
    text,
    kind: 'appeal',
    attachments: [],
    raw: { format: 'json', body: {} },
    screening: [],
    ...overrides,
  };
}

/**
 * An appeal whose id is keyed to the same partition as `key` (topics of the test namespace have
 * two), so the router handles it after everything produced before it under `key`: once its result
 * is out, so is theirs.
 */
export function anAppealAfter(key: string, text: string): AppealReceived {
  for (;;) {
    const appeal = anAppeal(text);
    if (partitionOf(appeal.appealId) === partitionOf(key)) return appeal;
  }
}

const partitioner = Partitioners.DefaultPartitioner();
const TWO_PARTITIONS = [0, 1].map((partitionId) => ({ partitionId, leader: 1, partitionErrorCode: 0, replicas: [1], isr: [1] }));

function partitionOf(key: string): number {
  return partitioner({ topic: 'appeals.received', partitionMetadata: TWO_PARTITIONS, message: { key, value: null } });
}
