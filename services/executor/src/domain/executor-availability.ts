/** A period an executor is away (leave, sick leave, business trip), as instants [from, to). */
export interface Absence {
  from: string;
  to: string;
}

/** One executor of a unit, as supervisors keep them. */
export interface UnitExecutor {
  unit: string;
  staffId: string;
  /** Off means never assigned automatically, whatever the absences say. */
  available: boolean;
  absences: Absence[];
}

export function isAvailableAt(executor: UnitExecutor, at: Date): boolean {
  if (!executor.available) return false;
  const now = at.getTime();
  return !executor.absences.some((absence) => Date.parse(absence.from) <= now && now < Date.parse(absence.to));
}

/**
 * The available executor with the fewest open tasks; ties go to the staff id that sorts first,
 * so the choice is the same whoever computes it. Undefined when nobody is available.
 */
export function leastLoaded(executors: readonly UnitExecutor[], openTasks: ReadonlyMap<string, number>, at: Date): UnitExecutor | undefined {
  let best: { executor: UnitExecutor; load: number } | undefined;
  for (const executor of [...executors].sort((a, b) => a.staffId.localeCompare(b.staffId))) {
    if (!isAvailableAt(executor, at)) continue;
    const load = openTasks.get(executor.staffId) ?? 0;
    if (best === undefined || load < best.load) best = { executor, load };
  }
  return best?.executor;
}
