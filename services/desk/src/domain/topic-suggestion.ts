import { ROUTING_TOPICS } from '@priemnaya/contracts';

/** The router's suggestion as it answers it; the reason is kept loose, the classifier adds kinds. */
export interface RouterSuggestion {
  topic: string;
  unit?: string;
  confidence?: number;
  reason: { kind: string; [detail: string]: unknown };
}

export interface TopicSuggestion {
  topic: string;
  topicName: string;
  unit?: string;
  confidence?: number;
  /** Why, in a line an operator can read. */
  reason: string;
}

const TOPIC_NAMES: ReadonlyMap<string, string> = new Map(ROUTING_TOPICS.map((topic) => [topic.code, topic.name]));

export function toTopicSuggestion(suggestion: RouterSuggestion): TopicSuggestion {
  return {
    topic: suggestion.topic,
    topicName: TOPIC_NAMES.get(suggestion.topic) ?? suggestion.topic,
    ...(suggestion.unit !== undefined ? { unit: suggestion.unit } : {}),
    ...(suggestion.confidence !== undefined ? { confidence: suggestion.confidence } : {}),
    reason: describeReason(suggestion.reason),
  };
}

function describeReason(reason: RouterSuggestion['reason']): string {
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String).join(', ') : '');
  switch (reason.kind) {
    case 'keyword-rule':
      return `keyword rule ${String(reason.ruleId)}: ${list(reason.matchedTerms)}`;
    case 'ambiguous':
      return `equally likely topics: ${list(reason.candidates)}; the appeal would go to triage`;
    case 'no-unit-for-topic':
      return 'no unit in the routing table for this topic; the appeal would go to triage';
    default:
      return reason.kind;
  }
}
