import type { AppealAuthor, ScreeningFinding } from '@priemnaya/contracts';
import {
  parsePersonName,
  personKeys,
  screenAppeal,
  similarEarlierAppeals,
  textSignature,
  type EarlierAppeal,
  type IndexedPublishedAnswer,
  type ScreeningPolicy,
} from '@priemnaya/prescreen';
import type { AppealIntake, Screening } from './submit-appeal.js';

/** As many related appeals as the appeal's schema carries, most similar first. */
export const MAX_RELATED_APPEALS = 20;

export interface PreScreenPorts {
  /**
   * Acknowledged appeals sharing one of the keys, received since the date, newest first, each
   * with when it was answered on the merits (art. 11 part 5 counts those).
   */
  findByPerson(personKeys: readonly string[], since: Date): Promise<EarlierAppeal[]>;
  /** The administration's published answers (art. 11 part 5.1); none when absent. */
  publishedAnswers?: readonly IndexedPublishedAnswer[];
  policy: ScreeningPolicy;
}

/** The art. 11 pre-screen of one intake, against the same person's earlier appeals on any channel. */
export function createPreScreen(ports: PreScreenPorts) {
  return async function preScreen(intake: AppealIntake, receivedAt: Date): Promise<Screening> {
    const author = screenedAuthor(intake.author);
    const keys = personKeys(author);
    const since = new Date(receivedAt.getTime() - ports.policy.repeatWindowDays * 24 * 60 * 60 * 1000);
    const earlier = await ports.findByPerson(keys, since);
    const input = { author, text: intake.text, receivedAt, earlier, publishedAnswers: ports.publishedAnswers ?? [] };
    const findings = screenAppeal(input, ports.policy).map(
      ({ relatedAppealIds, ...finding }): ScreeningFinding => ({
        ...finding,
        // A frequent writer may have many similar appeals; the appeal carries the closest few.
        ...(relatedAppealIds !== undefined ? { relatedAppealIds: relatedAppealIds.slice(0, MAX_RELATED_APPEALS) } : {}),
      }),
    );
    return {
      findings,
      index: { personKeys: keys, signature: textSignature(intake.text) },
      similarAppealIds: similarEarlierAppeals(input, ports.policy).slice(0, MAX_RELATED_APPEALS),
    };
  };
}

export function screenedAuthor(author: AppealAuthor) {
  return {
    ...(author.name !== undefined ? parsePersonName(author.name) : {}),
    ...(author.email !== undefined ? { email: author.email } : {}),
    ...(author.phone !== undefined ? { phone: author.phone } : {}),
    ...(author.postalAddress !== undefined ? { postalAddress: author.postalAddress } : {}),
  };
}
