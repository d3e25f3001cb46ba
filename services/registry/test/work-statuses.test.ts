import { describe, it } from 'vitest';
import { anAppealStory } from './support/appeal-story.js';
import { historyOf, startRegistryScenario, waitForStatus } from './support/registry-harness.js';
import { publishStories } from './support/staff-views.js';

describe('the public status of an appeal while the executors work on it', () => {
  it('shows accepted, forwarding, forwarded, answered and closed as they happen, with the lead unit, and nothing of who or why', async ({ expect, onTestFinished }) => {
    const scenario = await startRegistryScenario(onTestFinished);
    const story = anAppealStory({ leadUnit: 'zhkh', coUnit: 'svet' });
    const steps = [
      [6, 'accepted'],
      [13, 'forwarding'],
      [14, 'forwarded'],
      [16, 'answered'],
      [17, 'closed'],
    ] as const;

    let published = 0;
    for (const [count, status] of steps) {
      await publishStories(scenario.publisher, [{ received: story.received, events: story.events.slice(published, count) }]);
      published = count;
      const view = await waitForStatus(scenario.registry, story.received.appealId, status);
      expect(view).toMatchObject({ status, unit: 'zhkh', topic: 'housing', updatedAt: story.events[count - 1]?.occurredAt });
    }

    const history = await historyOf(scenario.registry, story.received.appealId);
    expect(history.history.map(({ status }) => status ?? '-').join(' ')).toBe(
      'received triage routed triage routed - accepted - - - - - - forwarding forwarded - answered closed',
    );
    expect(JSON.stringify(history)).not.toMatch(/executor-zhkh|supervisor|обоснованно|инспекция|Петров/);
  });
});
