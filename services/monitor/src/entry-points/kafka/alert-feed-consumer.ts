import { startConsumer, type ConsumerContext, type PausableConsumer } from '@priemnaya/kafka';
import type { AlertFeed } from '../../delivery/alert-feed.js';

/**
 * control.alerts into this process's delivery feed. The group is the process's own (`groupId`
 * carries its session), so every process reads every alert, from the topic's beginning.
 */
export function startAlertFeedConsumer(context: ConsumerContext, feed: AlertFeed): Promise<PausableConsumer> {
  return startConsumer({
    ...context,
    fromBeginning: true,
    topics: ['control.alerts'],
    handlers: { 'control.alerts': async (alert) => feed.add(alert) },
  });
}
