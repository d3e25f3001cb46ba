import { openClassifier } from '@priemnaya/classifier';
import { type Db } from 'mongodb';
import { createAuditRepository, type StaffRef } from '../../../services/router/src/data-access/audit-repository.js';
import { createModelRepository, type CurrentModelPointer } from '../../../services/router/src/data-access/model-repository.js';

/** Who promotes when the scheduler does: a role of its own, so the audit tells it from a person. */
export const RETRAIN_SCHEDULER: StaffRef = { staffId: 'retrain-scheduler', role: 'scheduler' };

/**
 * Makes a stored version current and records the change in the routing audit, as the admin
 * API's promote does; routers pick it up on their next poll. A version that does not load with
 * its word vectors here is refused before the pointer moves, as the admin API refuses it.
 */
export async function promoteModel(db: Db, version: string, by: StaffRef, at: Date): Promise<{ before: CurrentModelPointer | null; after: CurrentModelPointer }> {
  const models = createModelRepository(db);
  const stored = await models.load(version);
  if (stored === undefined) throw new Error(`promote: no stored model ${version}`);
  await openClassifier(stored);
  const { before, after } = await models.promote(version, by.staffId, at);
  await createAuditRepository(db).record({ at, by, entity: 'model', key: 'current', before, after });
  return { before, after };
}
