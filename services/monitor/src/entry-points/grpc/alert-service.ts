import type { ServerWritableStream } from '@grpc/grpc-js';
import { authenticateCall, type StaffTokens } from '@priemnaya/auth';
import type { ControlAlert } from '@priemnaya/contracts';
import { parseCall, toServiceError, type GrpcServiceBinding } from '@priemnaya/grpc';
import { AlertServiceService, type Alert, type AlertServiceServer, type WatchAlertsRequest, type WatchAlertsResponse } from '@priemnaya/grpc/generated/priemnaya/monitor/v1/monitor.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AlertFeed } from '../../delivery/alert-feed.js';
import { ALERT_WATCHERS, isVisibleTo } from '../../domain/alert-audience.js';

const WatchCall = z.object({ afterAlertId: z.union([z.literal(''), z.uuid()]) });

/** `priemnaya.monitor.v1.AlertService`; `closeAll` ends every watch so the server can stop. */
export function alertService(deps: { logger: Logger; tokens: StaffTokens; feed: AlertFeed }): { binding: GrpcServiceBinding; closeAll(): void } {
  const logger = deps.logger.child({ component: 'grpc' });
  const open = new Set<() => void>();
  const watch = async (call: ServerWritableStream<WatchAlertsRequest, WatchAlertsResponse>) => {
    const principal = await authenticateCall(deps.tokens, call.metadata, ALERT_WATCHERS);
    const { afterAlertId } = parseCall(WatchCall, call.request);
    const send = (alert: ControlAlert) => {
      if (isVisibleTo(principal, alert)) call.write({ alert: toProto(alert) });
    };
    const { backlog, unsubscribe } = deps.feed.follow(afterAlertId === '' ? undefined : afterAlertId, send);
    for (const alert of backlog) send(alert);
    const close = () => {
      unsubscribe();
      if (open.delete(close)) call.end();
    };
    open.add(close);
    call.on('cancelled', () => {
      unsubscribe();
      open.delete(close);
    });
  };
  const implementation: AlertServiceServer = {
    watchAlerts: (call) => {
      watch(call).catch((error: unknown) => {
        logger.info({ method: 'WatchAlerts', code: toServiceError(error).code }, 'grpc stream refused');
        call.emit('error', toServiceError(error));
      });
    },
  };
  return {
    binding: { definition: AlertServiceService, implementation },
    closeAll() {
      for (const close of open) close();
    },
  };
}

function toProto(alert: ControlAlert): Alert {
  const common = {
    alertId: alert.alertId,
    type: alert.type,
    appealId: alert.appealId,
    registrationNumber: alert.registrationNumber ?? '',
    clockId: alert.clockId,
    clockKind: alert.clockKind,
    unit: alert.unit ?? '',
    dueAt: alert.dueAt,
    raisedAt: alert.raisedAt,
    recipients: alert.recipients,
  };
  if (alert.type === 'deadline-stage') {
    return { ...common, stageId: alert.stageId, trigger: alert.trigger, fireAt: alert.fireAt, policyId: alert.policyId };
  }
  return { ...common, stageId: '', trigger: '', fireAt: '', policyId: '', atRisk: alert.reason };
}
