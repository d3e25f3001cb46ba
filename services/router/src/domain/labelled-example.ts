import type { RoutingTopic } from '@priemnaya/contracts';

/** A person's topic for an appeal's text, to train the next model with; `key` names its source once. */
export interface LabelledExampleInput {
  key: string;
  appealId: string;
  text: string;
  topic: RoutingTopic;
  source: 'triage-decision' | 'hand-back';
  by: string;
  at: Date;
}
