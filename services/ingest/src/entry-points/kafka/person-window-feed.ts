import { AppealReceived, type TopicNames } from '@priemnaya/contracts';
import type { Kafka } from '@priemnaya/kafka';
import { personKeys, textSignature } from '@priemnaya/prescreen';
import type { Logger } from 'pino';
import { screenedAuthor } from '../../domain/pre-screen.js';
import type { PersonWindow } from '../../domain/person-window.js';
import { createWindowReplay } from './window-replay.js';

/**
 * Keeps the person window of this replica up to date with every appeal any replica registered:
 * `appeals.received` from the start of the window, replayed at every start and then followed
 * (window-replay.ts). Ready once it has read what the topic held when it started.
 */
export function createPersonWindowFeed(deps: {
  kafka: Kafka;
  names: TopicNames;
  window: PersonWindow;
  windowMs: number;
  clock: () => Date;
  logger: Logger;
  /** A crash kafkajs will not recover from, other than the broker being away. */
  onFatal?: (error: unknown) => void;
}) {
  return createWindowReplay({
    ...deps,
    topic: deps.names.of('appeals.received'),
    groupPrefix: 'ingest-person-window',
    handle(value) {
      const parsed = AppealReceived.safeParse(value);
      // What does not parse is the router's to dead-letter; the window just leaves it out.
      if (!parsed.success) return;
      const appeal = parsed.data;
      deps.window.add(personKeys(screenedAuthor(appeal.author)), {
        appealId: appeal.appealId,
        registrationNumber: appeal.registrationNumber,
        channel: appeal.channel,
        receivedAt: new Date(appeal.receivedAt),
        signature: textSignature(appeal.text),
      });
    },
    onLoaded: () => deps.logger.info({ personKeys: deps.window.size() }, 'person window loaded'),
  });
}
