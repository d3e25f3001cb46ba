import type { Channel, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { MongoServerError, type Db } from 'mongodb';
import type { WorkRole, WorkState, WorkStatus, WorkTask } from '../domain/work-state.js';

/** A task as recorded: the routed task, the unit's role in the appeal, and a view of its work state. */
export interface StoredTask extends WorkTask {
  routedAt: string;
  text: string;
  reason?: RoutingReason;
}

interface TaskDocument extends StoredTask {
  _id: string;
  /** When the router first gave the unit this appeal; a later routedAt is a new round. */
  firstRoutedAt: string;
  status: WorkStatus;
  executorId?: string;
  /** The work version the status reflects; older views never overwrite newer ones. */
  viewVersion: number;
}

/** One delivery of a task to its unit's executors, in the unit's order. */
export interface FeedEntry {
  _id: string;
  unit: UnitCode;
  seq: number;
  appealId: string;
  registrationNumber: string;
  topic: RoutingTopic;
  channel?: Channel;
  receivedAt: string;
  routedAt: string;
  role: WorkRole;
  leadUnit: UnitCode;
  text: string;
}

/** What the inbox lists of a task: no text, no routing reason. */
export type TaskView = Omit<TaskDocument, '_id' | 'reason' | 'text' | 'viewVersion' | 'firstRoutedAt'>;

const OPEN: WorkStatus[] = ['new', 'assigned', 'accepted', 'forwarding'];
const taskId = (unit: string, appealId: string) => `${unit}:${appealId}`;
// Zero-padded so the ids of one unit sort as their numbers do.
const feedId = (unit: string, seq: number) => `${unit}:${String(seq).padStart(12, '0')}`;
const isDuplicateKey = (error: unknown) => error instanceof MongoServerError && error.code === 11000;

/**
 * Tasks, one per appeal and unit, and each unit's delivery feed. A feed entry's `_id` is its
 * unit and a sequence number claimed by inserting it (a unique `_id` insert is the one write
 * FerretDB makes atomic), so a task is delivered once, in one order, by any number of processes.
 */
export function createTaskRepository(db: Db) {
  const tasks = db.collection<TaskDocument>('tasks');
  const feed = db.collection<FeedEntry>('task_feed');
  const nextSeq = new Map<string, number>();
  // Claims of one unit run one at a time in a process, so seq n is written before n + 1 and a
  // reader that sees n + 1 has seen n: a stream never skips an entry still being written.
  const claiming = new Map<string, Promise<unknown>>();

  async function maxSeq(unit: string): Promise<number> {
    const [last] = await feed.find({ unit }).sort({ seq: -1 }).limit(1).toArray();
    return last?.seq ?? 0;
  }

  async function claim(entry: Omit<FeedEntry, '_id' | 'seq'>): Promise<number> {
    const { unit } = entry;
    for (;;) {
      const seq = nextSeq.get(unit) ?? (await maxSeq(unit)) + 1;
      try {
        await feed.insertOne({ _id: feedId(unit, seq), seq, ...entry });
        nextSeq.set(unit, seq + 1);
        return seq;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another process took it: start again from what the feed holds now.
        nextSeq.set(unit, (await maxSeq(unit)) + 1);
      }
    }
  }

  function claimInTurn(entry: Omit<FeedEntry, '_id' | 'seq'>): Promise<number> {
    const previous = claiming.get(entry.unit) ?? Promise.resolve();
    const turn = previous.then(() => claim(entry));
    claiming.set(entry.unit, turn.catch(() => undefined));
    return turn;
  }

  return {
    async ensureIndexes(): Promise<void> {
      await tasks.createIndex({ unit: 1, status: 1, receivedAt: 1 });
      await feed.createIndex({ unit: 1, seq: 1 });
    },
    /**
     * Records a task once (a redelivery lands on the same one) and gives it its feed place: the
     * new entry's seq, or undefined when the task was known; `rerouted` when the router gave the
     * unit the appeal again after first routing it elsewhere (a later routedAt). Only a known
     * task reads first: a new one costs two inserts and no read.
     */
    async record(task: StoredTask): Promise<{ seq: number | undefined; rerouted: boolean }> {
      const _id = taskId(task.unit, task.appealId);
      let rerouted = false;
      try {
        await tasks.insertOne({ _id, ...task, firstRoutedAt: task.routedAt, status: 'new', viewVersion: 0 });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const known = await tasks.findOne({ _id }, { projection: { routedAt: 1, firstRoutedAt: 1 } });
        if (known && task.routedAt > known.routedAt) {
          const { unit: _unit, appealId: _appealId, ...facts } = task;
          await tasks.updateOne({ _id }, { $set: { ...facts, status: 'new' }, $unset: { executorId: '' } });
        }
        rerouted = known !== null && task.routedAt > known.firstRoutedAt;
        // Claimed already, unless the process stopped between recording and claiming.
        if (await feed.findOne({ unit: task.unit, appealId: task.appealId, routedAt: task.routedAt }, { projection: { seq: 1 } })) return { seq: undefined, rerouted };
      }
      const seq = await claimInTurn({
        unit: task.unit,
        appealId: task.appealId,
        registrationNumber: task.registrationNumber,
        topic: task.topic,
        ...(task.channel !== undefined ? { channel: task.channel } : {}),
        receivedAt: task.receivedAt,
        routedAt: task.routedAt,
        role: task.role,
        leadUnit: task.leadUnit,
        text: task.text,
      });
      return { seq, rerouted };
    },
    async get(unit: string, appealId: string): Promise<StoredTask | undefined> {
      const document = await tasks.findOne({ _id: taskId(unit, appealId) });
      if (!document) return undefined;
      const { _id, status: _status, executorId: _executorId, viewVersion: _viewVersion, firstRoutedAt: _first, ...task } = document;
      return task;
    },
    /** The channel any task of the appeal names (a scan on FerretDB: only for tasks routed before channels were recorded). */
    async channelOfAppeal(appealId: string): Promise<Channel | undefined> {
      const known = await tasks.findOne({ appealId, channel: { $exists: true } }, { projection: { channel: 1 } });
      return known?.channel;
    },
    /** Keeps the listed status in step with the work log; an older state never overwrites a newer one. */
    async updateView(state: WorkState): Promise<void> {
      const { unit, appealId } = state.task;
      await tasks.updateOne(
        { _id: taskId(unit, appealId), viewVersion: { $lt: state.version } },
        { $set: { status: state.status, viewVersion: state.version, ...(state.executorId !== undefined ? { executorId: state.executorId } : {}) } },
      );
    },
    async openTasks(unit: UnitCode, limit: number): Promise<TaskView[]> {
      // The text and reason stay in the database: an inbox lists many tasks and shows neither.
      const documents = await tasks
        .find({ unit, status: { $in: OPEN } }, { projection: { text: 0, reason: 0 } })
        .sort({ receivedAt: 1 })
        .limit(limit)
        .toArray();
      return documents.map(({ _id, text: _text, reason: _reason, viewVersion: _v, firstRoutedAt: _first, ...view }) => view);
    },
    /** Open tasks per executor of the unit: the load that automatic assignment balances. */
    async openLoad(unit: UnitCode): Promise<Map<string, number>> {
      const documents = await tasks.find({ unit, status: { $in: OPEN } }, { projection: { executorId: 1 } }).toArray();
      const load = new Map<string, number>();
      for (const { executorId } of documents) if (executorId !== undefined) load.set(executorId, (load.get(executorId) ?? 0) + 1);
      return load;
    },
    /** One feed entry by its `_id` (an `_id` index lookup). */
    feedEntry(unit: string, seq: number): Promise<FeedEntry | null> {
      return feed.findOne({ _id: feedId(unit, seq) });
    },
    /** The unit's feed entries after `seq`, in order (a range read: once per stream connect). */
    feedAfter(unit: string, seq: number, limit: number): Promise<FeedEntry[]> {
      return feed.find({ unit, seq: { $gt: seq } }).sort({ seq: 1 }).limit(limit).toArray();
    },
    lastSeq: maxSeq,
  };
}
export type TaskRepository = ReturnType<typeof createTaskRepository>;
