import type { AppealEvent, Channel } from '@priemnaya/contracts';
import { MongoServerError, type Db } from 'mongodb';
import type { RecordedEvent, TaskRecorded, WorkEvent } from '../domain/work-state.js';

/**
 * One recorded action: version n of one unit's work on one appeal, with its event. The `_id`
 * `${appealId}:${unit}:v${n}` makes two actions on the same state collide on insert, so only one
 * wins; the document is also the outbox entry of its event until `produced` is set.
 */
export interface WorkAction {
  _id: string;
  stream: string;
  appealId: string;
  unit: string;
  version: number;
  event: RecordedEvent;
  /** Set once the event is on appeals.events (a re-routing or withdrawal is never produced: it is set at once). */
  produced: boolean;
  recordedAt: Date;
}

/** Another action was recorded on the same state first. */
export class WorkVersionTaken extends Error {
  constructor(readonly actionId: string) {
    super(`work version ${actionId} is taken`);
  }
}

const streamOf = (appealId: string, unit: string) => `${appealId}:${unit}`;

export function createWorkLog(db: Db) {
  const actions = db.collection<WorkAction>('work_actions');
  async function insert(appealId: string, unit: string, version: number, event: RecordedEvent, recordedAt: Date): Promise<WorkAction> {
    const action: WorkAction = {
      _id: `${streamOf(appealId, unit)}:v${version}`,
      stream: streamOf(appealId, unit),
      appealId,
      unit,
      version,
      event,
      produced: event.type === 'task.rerouted' || event.type === 'task.withdrawn',
      recordedAt,
    };
    try {
      await actions.insertOne(action);
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000) throw new WorkVersionTaken(action._id);
      throw error;
    }
    return action;
  }
  return {
    async ensureIndexes(): Promise<void> {
      await actions.createIndex({ stream: 1, version: 1 });
      await actions.createIndex({ produced: 1, recordedAt: 1 });
    },
    history(appealId: string, unit: string): Promise<WorkAction[]> {
      return actions.find({ stream: streamOf(appealId, unit) }).sort({ version: 1 }).toArray();
    },
    /** Records the action as version `version` or throws WorkVersionTaken. */
    append(version: number, event: WorkEvent & AppealEvent, recordedAt: Date): Promise<WorkAction> {
      return insert(event.appealId, event.unit, version, event, recordedAt);
    },
    /** Records what happened to the unit's task (re-routed, withdrawn) as version `version`, or throws WorkVersionTaken. */
    appendRecorded(appealId: string, unit: string, version: number, event: TaskRecorded): Promise<WorkAction> {
      return insert(appealId, unit, version, event, new Date(event.occurredAt));
    },
    /**
     * Extension days approved on the appeal over all its units' work (a unit that handed the
     * appeal back keeps its approvals in its own log). Approvals are rare, so the scan this is on
     * FerretDB is paid once per extension request or decision.
     */
    async approvedDaysOfAppeal(appealId: string): Promise<number> {
      const approvals = await actions.find({ appealId, 'event.type': 'appeal.extension-approved' }, { projection: { event: 1 } }).toArray();
      return approvals.reduce((total, { event }) => total + (event.type === 'appeal.extension-approved' ? event.days : 0), 0);
    },
    /**
     * Which of these appeals some unit answered on the merits (59-FZ art. 11 part 5 rests on
     * such answers); a scan on FerretDB, paid once per decision to end a correspondence.
     */
    async answeredOnTheMerits(appealIds: readonly string[]): Promise<string[]> {
      if (appealIds.length === 0) return [];
      const answers = await actions
        .find({ appealId: { $in: [...appealIds] }, 'event.type': 'appeal.answered', 'event.answer.inSubstance': true }, { projection: { appealId: 1 } })
        .toArray();
      return [...new Set(answers.map((answer) => answer.appealId))];
    },
    /** The channel any unit's recorded action on the appeal carries (a scan on FerretDB; rare, see channelOfAppeal of tasks). */
    async channelOfAppeal(appealId: string): Promise<Channel | undefined> {
      const known = await actions.findOne({ appealId, 'event.channel': { $exists: true } }, { projection: { event: 1 } });
      return known && 'channel' in known.event ? known.event.channel : undefined;
    },
    async markProduced(ids: string[]): Promise<void> {
      if (ids.length > 0) await actions.updateMany({ _id: { $in: ids } }, { $set: { produced: true } });
    },
    /** Actions recorded before `before` whose events are not yet produced, oldest stream versions first. */
    unproduced(before: Date, limit: number): Promise<WorkAction[]> {
      return actions.find({ produced: false, recordedAt: { $lt: before } }).sort({ stream: 1, version: 1 }).limit(limit).toArray();
    },
  };
}
export type WorkLog = ReturnType<typeof createWorkLog>;
