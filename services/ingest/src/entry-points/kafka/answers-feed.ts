import { AppealAnswered, type TopicNames } from '@priemnaya/contracts';
import type { Kafka } from '@priemnaya/kafka';
import type { Logger } from 'pino';
import type { PersonWindow } from '../../domain/person-window.js';
import { createWindowReplay } from './window-replay.js';

/**
 * Tells the person window which appeals were answered on the merits (59-FZ art. 11 part 5
 * counts only those): `appeals.events` from the start of the window, replayed at every start and
 * then followed (window-replay.ts), keeping each `appeal.answered` with `inSubstance`. Ready once
 * it has read what the topic held when it started, like the feed of appeals beside it.
 */
export function createAnswersFeed(deps: {
  kafka: Kafka;
  names: TopicNames;
  window: PersonWindow;
  windowMs: number;
  clock: () => Date;
  logger: Logger;
  onFatal?: (error: unknown) => void;
}) {
  return createWindowReplay({
    ...deps,
    topic: deps.names.of('appeals.events'),
    groupPrefix: 'ingest-answers',
    handle(value) {
      // Other events, and answers that do not parse, are other readers' to act on or dead-letter.
      if (!isAnswered(value)) return;
      const parsed = AppealAnswered.safeParse(value);
      if (parsed.success && parsed.data.answer.inSubstance) deps.window.recordAnswerInSubstance(parsed.data.appealId, new Date(parsed.data.occurredAt));
    },
    onLoaded: () => deps.logger.info('answers on the merits loaded'),
  });
}

function isAnswered(event: unknown): boolean {
  return typeof event === 'object' && event !== null && (event as { type?: unknown }).type === 'appeal.answered';
}
