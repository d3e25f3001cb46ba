import type { AppealAuthor } from '@priemnaya/contracts';
import { withStatuses, type EarlierAppeals } from './earlier-appeals.js';
import type { DeskPorts } from './register-oral-appeal.js';

/** The citizen's earlier appeals on every channel, newest first, each with its current status. */
export function createFindCitizenAppeals(ports: DeskPorts) {
  return async function findCitizenAppeals(citizen: AppealAuthor, limit: number): Promise<EarlierAppeals> {
    const appeals = await ports.intake.findByPerson(citizen, limit);
    const statuses = await ports.registry.findStatuses(appeals.map((appeal) => appeal.appealId));
    return withStatuses(appeals, statuses);
  };
}
