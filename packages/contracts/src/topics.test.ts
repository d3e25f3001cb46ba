import { describe, expect, it } from 'vitest';
import { createTopicNames } from './topics.js';

describe('createTopicNames', () => {
  it('prefixes every name so that parallel environments do not share topics', () => {
    const names = createTopicNames('t1.');
    expect(names.of('appeals.received')).toBe('t1.appeals.received');
    expect(names.tasks('roads')).toBe('t1.tasks.roads');
    expect(names.deadLetter(names.of('appeals.events'))).toBe('t1.appeals.events.dlq');
  });

  it('recognises a unit task topic only under its own prefix', () => {
    const names = createTopicNames('t1.');
    expect(names.unitOfTaskTopic('t1.tasks.zhkh')).toBe('zhkh');
    expect(names.unitOfTaskTopic('t2.tasks.zhkh')).toBeUndefined();
    expect(names.unitOfTaskTopic('t1.tasks.zhkh.dlq')).toBeUndefined();
    expect(names.tasksPattern().test('t1.tasks.roads')).toBe(true);
    expect(names.tasksPattern().test('t1xtasks.roads')).toBe(false);
  });

  it('maps a physical name back to its catalog entry', () => {
    const names = createTopicNames();
    expect(names.idOf('appeals.events')).toBe('appeals.events');
    expect(names.idOf('tasks.roads')).toBe('tasks');
    expect(names.idOf('appeals.events.dlq')).toBeUndefined();
  });
});
