import { stratifiedFolds } from '@priemnaya/classifier';
import { type RoutingTopic } from '@priemnaya/contracts';

/** A topic a person gave an appeal's text, as the router stored it. */
export interface TaughtLabel {
  readonly appealId: string;
  readonly text: string;
  readonly topic: RoutingTopic;
  readonly source: string;
  readonly at: Date;
}

/** What is known of the model that routes now, to tell which labels it cannot have learnt from. */
export interface CurrentModelInfo {
  /** False for the package's default model, which was trained on the corpus alone. */
  readonly stored: boolean;
  readonly createdAt: Date;
  /** How many people's labels it was trained with (0 for the default model); null when not known. */
  readonly labelledExamples: number | null;
}

/**
 * The time after which a label cannot have been in the current model's training, or null when
 * none was. A label's `at` is when the person decided, and it is stored after that, so one
 * decided after the model was built was not there when its retrain read the examples. Not
 * knowing how many it was trained with, assume it may have seen every earlier label.
 */
export function unseenAfter(current: CurrentModelInfo): Date | null {
  return current.stored && current.labelledExamples !== 0 ? current.createdAt : null;
}

export interface HeldOutSplit {
  /** Every label of the appeals not held out: what the comparison model trains on. */
  readonly training: TaughtLabel[];
  /** One label per held-out appeal, its latest (a hand-back corrects an earlier decision). */
  readonly heldOut: TaughtLabel[];
  /** How many appeals the held-out part was drawn from. */
  readonly unseenAppeals: number;
}

/** One in this many unseen appeals is held out. */
export const HELD_OUT_FOLDS = 4;

/**
 * A quarter of the appeals whose labels the current model has not seen, stratified by topic,
 * held out from the comparison model's training so both models are tested on labels neither
 * learnt from. An appeal is held out whole: a second label of the same text in training would
 * hand the comparison model the answer. Appeals with any label from before `after` stay in training.
 */
export function splitHeldOut(labels: readonly TaughtLabel[], options: { after: Date | null; seed: number }): HeldOutSplit {
  const byAppeal = new Map<string, TaughtLabel[]>();
  for (const label of labels) byAppeal.set(label.appealId, [...(byAppeal.get(label.appealId) ?? []), label]);
  const after = options.after?.getTime() ?? Number.NEGATIVE_INFINITY;
  const unseen = [...byAppeal.keys()]
    .filter((appealId) => (byAppeal.get(appealId) ?? []).every((label) => label.at.getTime() > after))
    .sort()
    .map((appealId) => latest(byAppeal.get(appealId) ?? []));
  const folds = unseen.length === 0 ? [] : stratifiedFolds(unseen.map((label) => label.topic), HELD_OUT_FOLDS, options.seed);
  const heldOut = unseen.filter((_, i) => folds[i] === 0);
  const heldOutAppeals = new Set(heldOut.map((label) => label.appealId));
  return { training: labels.filter((label) => !heldOutAppeals.has(label.appealId)), heldOut, unseenAppeals: unseen.length };
}

function latest(labels: readonly TaughtLabel[]): TaughtLabel {
  const [first, ...rest] = labels;
  if (first === undefined) throw new RangeError('an appeal with no labels');
  return rest.reduce((newest, label) => (label.at.getTime() >= newest.at.getTime() ? label : newest), first);
}
