import { status, type Metadata, type ServerWritableStream } from '@grpc/grpc-js';
import { authenticateCall, type StaffPrincipal, type StaffTokens } from '@priemnaya/auth';
import { GrpcRequestError, toServiceError, unary, type GrpcServiceBinding } from '@priemnaya/grpc';
import { ExecutorServiceService, ExtensionDecision, type ExecutorServiceServer, type WatchTasksRequest, type WatchTasksResponse } from '@priemnaya/grpc/generated/priemnaya/executor/v1/executor.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { ExecutorDirectory } from '../../data-access/executor-directory.js';
import type { FeedEntry, TaskRepository } from '../../data-access/task-repository.js';
import type { TaskFeed } from '../../delivery/task-feed.js';
import { requireAccess, type WorkActions } from '../../use-cases/act-on-task.js';
import { Cursor, ExecutorBody, ExecutorParams, ListQuery, TaskParams, UnitParams } from '../work-schemas.js';
import { answering, parseProto } from './grpc-calls.js';
import { extensionTermsProto, stateProto, taskAction, taskDeliveryProto, taskSummaryProto } from './work-actions-grpc.js';

export interface ExecutorServiceDeps {
  logger: Logger;
  tokens: StaffTokens;
  tasks: TaskRepository;
  actions: WorkActions;
  executors: ExecutorDirectory;
  feed: TaskFeed;
}

/** Tasks written to a stream and not yet sent before the stream is ended (the client resumes from its cursor). */
const MAX_UNSENT_TASKS = 10_000;

const WatchCall = z.strictObject({ unit: UnitParams.shape.unit, afterCursor: Cursor });

/**
 * A unit's new task goes to every stream of the unit: it is encoded once and the same bytes are
 * written to each stream, so the cost of a delivery to many executors is the writing alone.
 */
const encoded = new WeakMap<FeedEntry, Buffer>();
const watchTasksMethod = ExecutorServiceService.watchTasks;
const definition = {
  ...ExecutorServiceService,
  watchTasks: { ...watchTasksMethod, responseSerialize: (value: WatchTasksResponse | Buffer) => (Buffer.isBuffer(value) ? value : watchTasksMethod.responseSerialize(value)) },
};
function encodedOnce(entry: FeedEntry): Buffer {
  let bytes = encoded.get(entry);
  if (!bytes) {
    bytes = watchTasksMethod.responseSerialize({ cursor: String(entry.seq), task: taskDeliveryProto(entry) });
    encoded.set(entry, bytes);
  }
  return bytes;
}

const DECISIONS = new Map([
  [ExtensionDecision.EXTENSION_DECISION_APPROVE, 'approve-extension' as const],
  [ExtensionDecision.EXTENSION_DECISION_REFUSE, 'refuse-extension' as const],
]);
const DECISION_REQUIRED = 'must be EXTENSION_DECISION_APPROVE or EXTENSION_DECISION_REFUSE';

/** `priemnaya.executor.v1.ExecutorService`; `closeAll` ends every watch so the server can stop. */
export function executorService(deps: ExecutorServiceDeps): { binding: GrpcServiceBinding; closeAll(): void } {
  const logger = deps.logger.child({ component: 'grpc' });
  const authenticate = (metadata: Metadata): Promise<StaffPrincipal> => authenticateCall(deps.tokens, metadata);
  const open = new Set<() => void>();
  const act = taskAction({ authenticate, actions: deps.actions });

  const watch = async (call: ServerWritableStream<WatchTasksRequest, WatchTasksResponse>) => {
    const principal = await authenticate(call.metadata);
    const { unit, afterCursor } = parseProto(WatchCall, call.request);
    await answering(async () => requireAccess(principal, unit, 'read'));
    let cancelled = false;
    let unsubscribe = () => {};
    const close = () => {
      unsubscribe();
      if (open.delete(close)) call.end();
    };
    call.on('cancelled', () => {
      cancelled = true;
      unsubscribe();
      open.delete(close);
    });
    let lagging = false;
    const stop = await deps.feed.subscribe(unit, afterCursor, (entry) => {
      if (lagging || cancelled) return;
      // The serializer above passes the encoded bytes through as they are.
      call.write(encodedOnce(entry) as unknown as WatchTasksResponse);
      if (call.writableLength > MAX_UNSENT_TASKS) {
        // Memory is not held for a client that does not read: it resumes from its last cursor.
        lagging = true;
        unsubscribe();
        open.delete(close);
        call.emit('error', { code: status.RESOURCE_EXHAUSTED, details: 'the client reads too slowly; resume with the last cursor received' });
      }
    });
    if (cancelled || lagging) return stop();
    unsubscribe = stop;
    open.add(close);
  };

  const implementation: ExecutorServiceServer = {
    watchTasks: (call) => {
      watch(call).catch((error: unknown) => {
        logger.info({ method: 'WatchTasks', code: toServiceError(error).code }, 'grpc stream refused');
        call.emit('error', toServiceError(error));
      });
    },
    listTasks: unary('ListTasks', logger, async (request, call) => {
      const principal = await authenticate(call.metadata);
      const { unit } = parseProto(UnitParams, { unit: request.unit });
      const { limit } = parseProto(ListQuery, request.limit === 0 ? {} : { limit: request.limit });
      await answering(async () => requireAccess(principal, unit, 'read'));
      return { tasks: (await deps.tasks.openTasks(unit, limit)).map(taskSummaryProto) };
    }),
    getTask: unary('GetTask', logger, async (request, call) => {
      const principal = await authenticate(call.metadata);
      const { unit, appealId } = parseProto(TaskParams, request);
      return answering(async () => {
        const { state } = await deps.actions.read(principal, unit, appealId);
        const extension = await deps.actions.extensionTerms(state);
        return { state: stateProto(state), ...(extension !== undefined ? { extension: extensionTermsProto(extension) } : {}) };
      });
    }),
    assignTask: unary('AssignTask', logger, act('assign', (r) => ({ executorId: r.executorId, why: r.why }), ['executorId', 'why'])),
    acceptTask: unary('AcceptTask', logger, act('accept', () => ({}), [])),
    answerTask: unary('AnswerTask', logger, act('answer', (r) => ({ text: r.text, inSubstance: r.inSubstance, attachments: r.attachments }), [])),
    handBackTask: unary('HandBackTask', logger, act('hand-back', (r) => ({ reason: r.reason, suggestedUnit: r.suggestedUnit, suggestedTopic: r.suggestedTopic }), ['suggestedUnit', 'suggestedTopic'])),
    requestExtension: unary('RequestExtension', logger, act('request-extension', (r) => ({ days: r.days, justification: r.justification }), [])),
    decideExtension: unary('DecideExtension', logger, async (request, call) => {
      await authenticate(call.metadata);
      // proto3 sends an unset enum as 0: a decision left out is refused, never taken for either.
      const kind = DECISIONS.get(request.decision);
      if (kind === undefined) throw new GrpcRequestError(status.INVALID_ARGUMENT, `decision: ${DECISION_REQUIRED}`, [{ field: 'decision', message: DECISION_REQUIRED }]);
      return act(kind, (r: typeof request) => ({ requestId: r.requestId, why: r.why }), [])(request, call);
    }),
    startForwarding: unary(
      'StartForwarding',
      logger,
      act(
        'start-forwarding',
        (r) => ({
          ...(r.authorities.length > 0 ? { authorities: r.authorities.map(withoutBlank) } : { authority: r.authority ? withoutBlank(r.authority) : undefined }),
          partial: r.partial,
          why: r.why,
        }),
        [],
      ),
    ),
    decideLawKind: unary(
      'DecideLawKind',
      logger,
      act(
        'decide-law-kind',
        (r) => {
          const about = { ...(r.complaintUnit !== '' ? { unit: r.complaintUnit } : {}), ...(r.complaintOfficial !== '' ? { official: r.complaintOfficial } : {}) };
          return { lawKind: r.lawKind, ...(Object.keys(about).length > 0 ? { complaintAbout: about } : {}) };
        },
        [],
      ),
    ),
    returnToCitizen: unary('ReturnToCitizen', logger, act('return-to-citizen', (r) => ({ why: r.why }), ['why'])),
    setTags: unary('SetTags', logger, act('set-tags', (r) => ({ tags: r.tags, why: r.why }), ['why'])),
    markForwarded: unary('MarkForwarded', logger, act('mark-forwarded', (r) => ({ outgoingNumber: r.outgoingNumber }), ['outgoingNumber'])),
    addCoExecutor: unary('AddCoExecutor', logger, act('add-co-executor', (r) => ({ coExecutorUnit: r.coExecutorUnit, why: r.why }), [])),
    closeTask: unary('CloseTask', logger, act('close', (r) => ({ outcome: r.outcome, why: r.why, article11Part: r.article11Part }), ['why', 'article11Part'])),
    endCorrespondence: unary('EndCorrespondence', logger, act('end-correspondence', (r) => ({ earlierAppealIds: r.earlierAppealIds, why: r.why }), [])),
    listExecutors: unary('ListExecutors', logger, async (request, call) => {
      const principal = await authenticate(call.metadata);
      const { unit } = parseProto(UnitParams, request);
      await answering(async () => requireAccess(principal, unit, 'manage-executors'));
      return { executors: await deps.executors.list(unit) };
    }),
    putExecutor: unary('PutExecutor', logger, async (request, call) => {
      const principal = await authenticate(call.metadata);
      const given = request.executor ?? { unit: '', staffId: '', available: false, absences: [] };
      const { unit, staffId } = parseProto(ExecutorParams, { unit: given.unit, staffId: given.staffId });
      const body = parseProto(ExecutorBody, { available: given.available, absences: given.absences });
      await answering(async () => requireAccess(principal, unit, 'manage-executors'));
      const executor = { unit, staffId, ...body };
      await deps.executors.put(executor, principal.staffId, new Date());
      return { executor };
    }),
  };
  return {
    binding: { definition, implementation },
    closeAll() {
      for (const close of open) close();
    },
  };
}

function withoutBlank(authority: { name: string; address: string; unit: string }) {
  return { name: authority.name, ...(authority.address !== '' ? { address: authority.address } : {}), ...(authority.unit !== '' ? { unit: authority.unit } : {}) };
}
