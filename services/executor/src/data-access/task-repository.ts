import type { RoutingReason, RoutingTopic, TaskAssigned, UnitCode } from '@priemnaya/contracts';
import type { Db } from 'mongodb';

export type TaskStatus = 'open';

interface TaskDocument {
  _id: string;
  appealId: string;
  registrationNumber: string;
  unit: UnitCode;
  topic: RoutingTopic;
  status: TaskStatus;
  receivedAt: string;
  routedAt: string;
  reason: RoutingReason;
  text: string;
}

/** What the inbox lists of a task: the document without its id, reason and text. */
export type TaskView = Omit<TaskDocument, '_id' | 'reason' | 'text'>;

/** One task per appeal and unit; a redelivered task message lands on the same document. */
export function createTaskRepository(db: Db) {
  const tasks = db.collection<TaskDocument>('tasks');
  return {
    async ensureIndexes(): Promise<void> {
      await tasks.createIndex({ unit: 1, status: 1, receivedAt: 1 });
    },
    async record(task: TaskAssigned): Promise<void> {
      const { version: _version, ...fields } = task;
      await tasks.updateOne(
        { _id: `${task.unit}:${task.appealId}` },
        { $setOnInsert: { ...fields, status: 'open' } },
        { upsert: true },
      );
    },
    async openTasks(unit: UnitCode, limit: number): Promise<TaskView[]> {
      // The text and reason stay in the database: an inbox lists many tasks and shows neither.
      const documents = await tasks
        .find({ unit, status: 'open' }, { projection: { text: 0, reason: 0 } })
        .sort({ receivedAt: 1 })
        .limit(limit)
        .toArray();
      return documents.map(({ _id, text: _text, reason: _reason, ...view }) => view);
    },
  };
}
export type TaskRepository = ReturnType<typeof createTaskRepository>;
