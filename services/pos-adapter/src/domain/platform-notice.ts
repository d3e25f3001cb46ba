import type { CitizenNotification } from '@priemnaya/contracts';
import type { PlatformStatusChange } from './platform-status.js';

/** The contract's limit on a status change's comment. */
const COMMENT_MAX_LENGTH = 1_000;

export interface PlatformAnswer {
  text: string;
  answeredAt: string;
  signedBy: string;
  /** The platform takes files by URL; ours are not published, so the written answer carries them. */
  attachments: { url: string; fileName: string }[];
}

/** What to post to the platform item for a notification: a status change, and for an answer the answer first. */
export interface PlatformPosts {
  answer?: PlatformAnswer;
  statusChange: PlatformStatusChange & { comment?: string };
}

/**
 * The posts a citizen notification of a platform appeal means, or undefined for the registration:
 * the platform sets `registered` itself when the adapter acknowledges the item.
 */
export function platformPostsOf(notification: CitizenNotification, signedBy: string): PlatformPosts | undefined {
  const comment = notification.message.length <= COMMENT_MAX_LENGTH ? { comment: notification.message } : {};
  switch (notification.kind) {
    case 'registered':
      return undefined;
    case 'forwarded':
      return { statusChange: { status: 'forwarded', occurredAt: notification.occurredAt, ...comment } };
    case 'extended':
      return { statusChange: { status: 'extended', occurredAt: notification.occurredAt, ...comment } };
    // 59-FZ ст. 8 ч. 7: the complaint goes back with the explanation, which the comment carries.
    case 'returned':
      return { statusChange: { status: 'closed', occurredAt: notification.occurredAt, ...comment } };
    // 59-FZ ст. 11 ч. 5: the correspondence ends; the comment carries the decision's notice.
    case 'correspondence-ended':
      return { statusChange: { status: 'closed', occurredAt: notification.occurredAt, ...comment } };
    case 'answered': {
      const text = notification.answer?.text ?? notification.message;
      return {
        answer: { text, answeredAt: notification.occurredAt, signedBy, attachments: [] },
        // The answer's text is posted on its own; the status says only that it was given.
        statusChange: { status: 'answered', occurredAt: notification.occurredAt },
      };
    }
  }
}
