import { describe, expect, it } from 'vitest';
import { topicCreation } from './topic-admin.js';

const defaults = { partitions: 3, replicationFactor: 3 };

describe('topicCreation', () => {
  it('asks for 2 in-sync replicas of 3, and for none of its own on an unreplicated topic', () => {
    expect(topicCreation({ name: 'tasks.roads' }, defaults)).toEqual({
      topic: 'tasks.roads',
      numPartitions: 3,
      replicationFactor: 3,
      configEntries: [{ name: 'min.insync.replicas', value: '2' }],
    });
    expect(topicCreation({ name: 'tasks.roads' }, { partitions: 3, replicationFactor: 1 })).toEqual({ topic: 'tasks.roads', numPartitions: 3, replicationFactor: 1 });
  });

  it("keeps the spec's own settings, including its own min.insync.replicas", () => {
    expect(topicCreation({ name: 'appeals.events', partitions: 6, config: { 'retention.ms': '-1', 'min.insync.replicas': '3' } }, { partitions: 3, replicationFactor: 5 })).toEqual({
      topic: 'appeals.events',
      numPartitions: 6,
      replicationFactor: 5,
      configEntries: [
        { name: 'min.insync.replicas', value: '3' },
        { name: 'retention.ms', value: '-1' },
      ],
    });
  });
});
