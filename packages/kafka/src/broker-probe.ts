import { readinessCheck } from '@priemnaya/observability';
import type { Kafka } from 'kafkajs';
import { createLazyAdmin } from './lazy-admin.js';

export interface BrokerProbe {
  /** Whether the cluster answered a metadata request lately (for `/readyz`); never rejects. */
  reachable(): Promise<boolean>;
  /** The latest answer at once (undefined before the first), a new probe starting when it is stale. */
  lastKnown(): boolean | undefined;
  /** Closes the probe's connection; a later `reachable()` opens it again. */
  close(): Promise<void>;
}

export interface BrokerProbeOptions {
  /** How long a probe waits for the cluster's answer; the connection timeout is 1 s. */
  timeoutMs?: number;
  /** How long an answer is given again without asking the cluster (a probe storm asks once). */
  maxAgeMs?: number;
}

/**
 * Asks the cluster for its description (brokers and controller) over one admin connection of
 * its own, opened at the first probe and kept, so a probe costs one metadata request and no new
 * connection. Consumers and producers keep retrying a broker that is gone for a minute or more
 * and say nothing meanwhile; this answers false within `timeoutMs` of the broker going, and true
 * again once it answers. The admin client does not retry: the next probe is the retry.
 */
export function createBrokerProbe(kafka: Kafka, { timeoutMs = 1_500, maxAgeMs = 1_000 }: BrokerProbeOptions = {}): BrokerProbe {
  const admin = createLazyAdmin(kafka, { retries: 0 });

  async function describeCluster(): Promise<boolean> {
    const client = await admin.connected();
    // After the broker comes back, kafkajs reconnects the admin's broker connection on this call.
    const { brokers } = await client.describeCluster();
    return brokers.length > 0;
  }

  const reachable = readinessCheck(describeCluster, { timeoutMs, maxAgeMs });
  return {
    reachable,
    lastKnown: () => reachable.lastKnown(),
    close: () => admin.close(),
  };
}
