import { type LabelledAppeal, createRandom, shuffle } from '@priemnaya/classifier';

/** The description the figures carry, so a reader knows what "shifted" means. */
export const PLACE_SPLIT = 'kursk-place: trained on the city of Kursk and regional bodies, tested on the administrations of the other towns and districts';

/**
 * An appeal answered by the administration of a town or district other than the regional capital.
 * Those appeals name other places, come from villages and small towns, and are worded as a new
 * city's would be: unlike the training side in the way the router meets a city it has never seen.
 * The capital's own districts (`... округа города Курска`) stay on the training side.
 */
export function answeredOutsideTheCity(executor: string | undefined): boolean {
  return executor !== undefined && /^Администрация /.test(executor) && !/города Курска/.test(executor);
}

export interface PlaceSplit<T extends LabelledAppeal> {
  readonly train: T[];
  readonly test: T[];
}

export function placeSplit<T extends LabelledAppeal & { executor?: string | undefined }>(corpus: readonly T[]): PlaceSplit<T> {
  return {
    train: corpus.filter((e) => !answeredOutsideTheCity(e.executor)),
    test: corpus.filter((e) => answeredOutsideTheCity(e.executor)),
  };
}

/**
 * The shifted side cut in two for a learning curve: a pool the "new city" labels, drawn from in
 * order (the first n are its first n labelled appeals), and a fixed test part it never labels.
 */
export function localPoolAndTest<T>(shifted: readonly T[], poolSize: number, seed: number): { pool: T[]; test: T[] } {
  const order = shuffle([...shifted], createRandom(seed));
  return { pool: order.slice(0, poolSize), test: order.slice(poolSize) };
}
