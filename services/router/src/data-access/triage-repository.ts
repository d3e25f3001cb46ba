import { isDuplicateKeyError } from '@priemnaya/database';
import type { ComplaintAbout, LawKind, RoutingReason, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import type { Db } from 'mongodb';
import type { ModelOpinion } from '../domain/decide-route.js';
import type { AppealSnapshot } from '../domain/routing-messages.js';

/** A person's decision on one triage entry. */
export interface TriageDecision {
  topic: RoutingTopic;
  unit: UnitCode;
  by: string;
  why?: string;
  eventId: string;
  decidedAt: Date;
  /** 59-FZ ст. 4, when the operator decided the kind with the routing. */
  lawKind?: LawKind;
  complaintAbout?: ComplaintAbout;
}

/** An appeal waiting for a person: the router was unsure, or a unit handed it back. */
export interface TriageEntry {
  _id: string;
  appeal: AppealSnapshot;
  reason: RoutingReason;
  /** The model's topics with their confidence, to show the operator where it leaned. */
  suggestions: { topic: RoutingTopic; confidence: number }[];
  enteredAt: Date;
  /** What put it on the queue this time: `router`, or the hand-back event id. */
  openedBy: string;
  handBack?: { by: string; unit: UnitCode; reason: string };
  state: 'open' | 'decided';
  decision?: TriageDecision;
}

interface DecisionClaim extends TriageDecision {
  _id: string;
}

/**
 * The triage queue. One entry per appeal, reopened by a hand-back. A decision is claimed by a
 * unique insert keyed by the entry's opening (FerretDB does not isolate conditional updates, so
 * two operators deciding at once could both "win" an update); the first claim stands.
 */
export function createTriageRepository(db: Db) {
  const queue = db.collection<TriageEntry>('triage_queue');
  const claims = db.collection<DecisionClaim>('triage_decisions');
  return {
    async enter(appeal: AppealSnapshot, reason: RoutingReason, model: ModelOpinion | undefined, at: Date): Promise<void> {
      const suggestions = model && !model.noEvidence ? [{ topic: model.topic, confidence: model.confidence }, ...model.alternatives] : [];
      const entry: TriageEntry = { _id: appeal.appealId, appeal, reason, suggestions, enteredAt: at, openedBy: 'router', state: 'open' };
      try {
        await queue.insertOne(entry);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    },
    /** Reopens (or opens) the entry for a hand-back; a redelivered hand-back changes nothing. */
    async reopen(appeal: AppealSnapshot, reason: RoutingReason, handBack: { eventId: string; by: string; unit: UnitCode; reason: string }, at: Date): Promise<void> {
      const current = await queue.findOne({ _id: appeal.appealId });
      if (current?.openedBy === handBack.eventId) return;
      const entry: TriageEntry = {
        _id: appeal.appealId,
        appeal,
        reason,
        suggestions: [],
        enteredAt: at,
        openedBy: handBack.eventId,
        handBack: { by: handBack.by, unit: handBack.unit, reason: handBack.reason },
        state: 'open',
      };
      if (current) await queue.replaceOne({ _id: appeal.appealId }, entry);
      else await queue.insertOne(entry);
    },
    async list(limit: number): Promise<TriageEntry[]> {
      return queue.find({ state: 'open' }).sort({ enteredAt: 1, _id: 1 }).limit(limit).toArray();
    },
    find(appealId: string): Promise<TriageEntry | null> {
      return queue.findOne({ _id: appealId });
    },
    /** The decision that stands for this opening of the entry: `decision` if it is the first, else the earlier one. */
    async claim(entry: TriageEntry, decision: TriageDecision): Promise<TriageDecision> {
      const _id = `${entry._id}:${entry.openedBy}`;
      try {
        await claims.insertOne({ _id, ...decision });
        return decision;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const winner = await claims.findOne({ _id });
      if (!winner) throw new Error('triage decision vanished after a duplicate-key error');
      const { _id: _ignored, ...earlier } = winner;
      return earlier;
    },
    /** 59-FZ ст. 4: a person's later decision of the kind, so a decision from the queue respects it. */
    async recordLawKind(appealId: string, lawKind: LawKind, complaintAbout: ComplaintAbout | undefined): Promise<void> {
      const update = complaintAbout !== undefined
        ? { $set: { 'appeal.lawKind': lawKind, 'appeal.complaintAbout': complaintAbout } }
        : { $set: { 'appeal.lawKind': lawKind }, $unset: { 'appeal.complaintAbout': '' as const } };
      await queue.updateOne({ _id: appealId }, update);
    },
    async markDecided(entry: TriageEntry, decision: TriageDecision): Promise<void> {
      await queue.updateOne({ _id: entry._id, openedBy: entry.openedBy }, { $set: { state: 'decided', decision } });
    },
  };
}
export type TriageRepository = ReturnType<typeof createTriageRepository>;
