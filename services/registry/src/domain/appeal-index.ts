import type { AppealStatus, LawKind, RoutingTopic, UnitCode } from '@priemnaya/contracts';
import { unitsOf, type AppealCard } from './appeal-card.js';
import type { AnswerDeadline } from './answer-deadline.js';

/**
 * What a search filters and lists, kept per appeal beside its facts: the card's public facts,
 * its units, its assignee and its answer deadline, and the author's name for the result list.
 */
export interface AppealIndexEntry {
  id: string;
  registrationNumber: string;
  channel: string;
  receivedAt: string;
  status?: AppealStatus;
  statusAt?: string;
  unit?: UnitCode;
  topic?: RoutingTopic;
  /** The lead unit and the co-executor units, for scoping a search to a person's units. */
  units: UnitCode[];
  executorId?: string;
  /** 59-FZ ст. 4; `suggested` while only the classifier said so. */
  lawKind: LawKind;
  lawKindSuggested?: boolean;
  /** The unit a complaint contests, for a supervisor's search of complaints against a unit. */
  complaintUnit?: UnitCode;
  answerDueAt?: string;
  /** The due date rests on a year whose decree on transfers is not entered. */
  answerDueProvisional?: true;
  authorName?: string;
  /** How many distinct facts this entry was folded from. */
  factCount: number;
}

export function indexEntry(card: AppealCard, deadline: AnswerDeadline | undefined, factCount: number): AppealIndexEntry {
  const authorName = card.content?.author.name;
  return {
    id: card.id,
    registrationNumber: card.registrationNumber,
    channel: card.channel,
    receivedAt: card.receivedAt,
    ...(card.status !== undefined ? { status: card.status } : {}),
    ...(card.statusAt !== undefined ? { statusAt: card.statusAt } : {}),
    ...(card.leadUnit !== undefined ? { unit: card.leadUnit } : {}),
    ...(card.topic !== undefined ? { topic: card.topic } : {}),
    units: unitsOf(card),
    ...(card.executor !== undefined ? { executorId: card.executor.executorId } : {}),
    lawKind: card.lawKind.kind,
    ...(card.lawKind.suggested ? { lawKindSuggested: true } : {}),
    ...(card.lawKind.complaintAbout?.unit !== undefined ? { complaintUnit: card.lawKind.complaintAbout.unit } : {}),
    ...(deadline !== undefined ? { answerDueAt: deadline.dueAt } : {}),
    ...(deadline?.provisional === true ? { answerDueProvisional: true as const } : {}),
    ...(authorName !== undefined ? { authorName } : {}),
    factCount,
  };
}
