import { isDuplicateKeyError } from '@priemnaya/database';
import type { RoutingTopic } from '@priemnaya/contracts';
import type { Db } from 'mongodb';
import type { LabelledExampleInput } from '../domain/labelled-example.js';

/**
 * A labelled example for the next model: the text of the original appeal and the topic a person
 * confirmed. `_id` names its source (`triage:<appeal>:<opening>`, `hand-back:<event id>`), so a
 * redelivered decision or hand-back is recorded once.
 */
export interface LabelledExample {
  _id: string;
  appealId: string;
  text: string;
  topic: RoutingTopic;
  source: 'triage-decision' | 'hand-back';
  by: string;
  at: Date;
}

export const LABELLED_EXAMPLES = 'labelled_examples';

export function createExampleRepository(db: Db) {
  const examples = db.collection<LabelledExample>(LABELLED_EXAMPLES);
  return {
    async record({ key, ...example }: LabelledExampleInput): Promise<void> {
      try {
        await examples.insertOne({ _id: key, ...example });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    all(): Promise<LabelledExample[]> {
      return examples.find().sort({ at: 1, _id: 1 }).toArray();
    },
  };
}
export type ExampleRepository = ReturnType<typeof createExampleRepository>;
