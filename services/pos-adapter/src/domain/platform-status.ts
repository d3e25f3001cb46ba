import type { AppealEvent } from '@priemnaya/contracts';

/** Statuses the platform takes from us (`registered` comes with the acknowledgement). */
export type PlatformStatus = 'in-progress' | 'forwarded' | 'extended' | 'answered' | 'closed';

export interface PlatformStatusChange {
  status: PlatformStatus;
  occurredAt: string;
}

/**
 * The status change the citizen should see on the portal for an event, or undefined when the
 * event is internal. Exhaustive over the event types, so a new one does not compile until it is
 * decided here.
 */
export function platformStatusChange(event: AppealEvent): PlatformStatusChange | undefined {
  switch (event.type) {
    case 'appeal.routed':
      return { status: 'in-progress', occurredAt: event.occurredAt };
    case 'appeal.triage-decided':
      // A person chose the unit: to the citizen it is now being worked on, as after routing.
      return { status: 'in-progress', occurredAt: event.occurredAt };
    case 'appeal.triaged':
    case 'appeal.handed-back':
      // Deciding who answers is our own affair; the portal already shows the appeal registered.
      return undefined;
    case 'appeal.forwarded':
    case 'appeal.extension-approved':
    case 'appeal.answered':
    case 'appeal.returned-to-citizen':
    case 'appeal.correspondence-ended':
      // What the citizen is told: posted from their notification on notifications.outbound
      // (platform-notice.ts), with its words and the answer, so never twice.
      return undefined;
    case 'appeal.closed':
      return { status: 'closed', occurredAt: event.occurredAt };
    // The work inside the administration: to the citizen it stays in progress.
    case 'appeal.assigned':
    case 'appeal.accepted':
    case 'appeal.extension-requested':
    case 'appeal.extension-refused':
    case 'appeal.forwarding-started':
    case 'appeal.co-executor-added':
    case 'appeal.co-executor-answered':
    case 'appeal.law-kind-decided':
    case 'appeal.tags-set':
      return undefined;
  }
}

/**
 * Whether to post a change, given what the platform last got from us: a reroute to another unit
 * is still `in-progress` to the citizen, so it posts nothing new.
 */
export function isNewToPlatform(change: PlatformStatusChange, postedStatus: PlatformStatus | undefined): boolean {
  return change.status !== postedStatus;
}

/**
 * Whether a closing must wait before it is posted: it closes an appeal answered or forwarded, and
 * the portal does not show that yet. The answer and the forwarding reach the adapter a hop later
 * (through the notifier) than the closing itself; posted first, the closing would be followed by
 * `answered` on the portal.
 */
export function holdsClosing(event: AppealEvent, postedStatus: PlatformStatus | undefined): boolean {
  if (event.type !== 'appeal.closed' || (event.outcome !== 'answered' && event.outcome !== 'forwarded')) return false;
  return !closesAfter(postedStatus);
}

/** Whether the portal shows what a closing may follow: the answer, the forwarding (or the closing itself). */
export function closesAfter(postedStatus: PlatformStatus | undefined): boolean {
  return postedStatus === 'answered' || postedStatus === 'forwarded' || postedStatus === 'closed';
}
