import type { StaffPrincipal } from '@priemnaya/auth';
import type { Publisher } from '@priemnaya/kafka';
import type { AppealStory } from './appeal-story.js';
import type { RunningRegistry } from './registry-harness.js';

/** Publishes each story's appeal on appeals.received and its events on appeals.events. */
export async function publishStories(publisher: Publisher, stories: AppealStory[]): Promise<void> {
  await publisher.publish([
    ...stories.map((story) => ({ topic: 'appeals.received' as const, payload: story.received })),
    ...stories.flatMap((story) => story.events.map((payload) => ({ topic: 'appeals.events' as const, payload }))),
  ]);
}

export interface SearchPage {
  appeals: { id: string; registrationNumber: string; status?: string; unit?: string; units: string[]; answerDueAt?: string; authorName?: string }[];
  nextCursor?: string;
}

export interface AuditView {
  id: string;
  reads: { id: string; staffId: string; role: string; appealIds: string[]; what: string; at: string }[];
}

/** The people of one matrix: every role, and executors and supervisors in and out of the appeal's units. */
export const PEOPLE = {
  'intake operator': { staffId: 'op-1', role: 'intake-operator', units: [] },
  'executor of unit A': { staffId: 'ex-a', role: 'executor', units: ['unit-a'] },
  'executor of unit B': { staffId: 'ex-b', role: 'executor', units: ['unit-b'] },
  'executor of the co-executor unit': { staffId: 'ex-co', role: 'executor', units: ['unit-co'] },
  'supervisor of A': { staffId: 'sup-a', role: 'supervisor', units: ['unit-a', 'unit-x'] },
  'supervisor of other units': { staffId: 'sup-x', role: 'supervisor', units: ['unit-x', 'unit-y'] },
  administrator: { staffId: 'admin-1', role: 'administrator', units: [] },
} satisfies Record<string, StaffPrincipal>;

export async function searchAll(registry: RunningRegistry, token: string | undefined, query = ''): Promise<SearchPage['appeals']> {
  const found: SearchPage['appeals'] = [];
  let cursor: string | undefined;
  do {
    const url = `/v1/staff/appeals?limit=2${query}${cursor !== undefined ? `&cursor=${cursor}` : ''}`;
    const response = await registry.staffGet(url, token);
    if (response.statusCode !== 200) throw new Error(`search ${url}: ${response.statusCode} ${response.body}`);
    const page = response.json<SearchPage>();
    found.push(...page.appeals);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
}
