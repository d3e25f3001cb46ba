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

export interface TaskView {
  appealId: string;
  registrationNumber: string;
  unit: UnitCode;
  topic: RoutingTopic;
  status: TaskStatus;
  receivedAt: string;
  routedAt: string;
}

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
      const documents = await tasks.find({ unit, status: 'open' }).sort({ receivedAt: 1 }).limit(limit).toArray();
      return documents.map(({ appealId, registrationNumber, unit: taskUnit, topic, status, receivedAt, routedAt }) => ({
        appealId,
        registrationNumber,
        unit: taskUnit,
        topic,
        status,
        receivedAt,
        routedAt,
      }));
    },
  };
}
export type TaskRepository = ReturnType<typeof createTaskRepository>;
