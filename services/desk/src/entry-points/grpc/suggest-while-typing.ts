import type { ServerDuplexStream } from '@grpc/grpc-js';
import { toServiceError } from '@priemnaya/grpc';
import type { SuggestWhileTypingRequest, SuggestWhileTypingResponse } from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import type { Logger } from 'pino';
import { createLatestDraftWins, type Draft } from '../../domain/latest-draft-wins.js';
import type { TopicSuggestion } from '../../domain/topic-suggestion.js';
import { DraftCall, parseProtoCall } from './desk-calls.js';

type DraftAnswer = { suggestions: TopicSuggestion[]; unavailable: boolean };

/**
 * `SuggestWhileTyping`: each draft answered with its sequence number, newest first (see
 * latest-draft-wins.ts). The router not answering makes one draft `unavailable` and keeps the
 * stream; an invalid draft ends it naming the field. One log line per stream, with counts only.
 */
export function suggestWhileTyping(deps: {
  logger: Logger;
  suggestTopics(text: string, signal?: AbortSignal): Promise<TopicSuggestion[]>;
}): (call: ServerDuplexStream<SuggestWhileTypingRequest, SuggestWhileTypingResponse>) => void {
  return (call) => {
    const started = performance.now();
    let finished = false;
    const report = (code: string | number | undefined) => {
      deps.logger.info({ method: 'SuggestWhileTyping', code, ...drafts.stats, ms: Math.round(performance.now() - started) }, 'grpc stream completed');
    };
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      drafts.cancel();
      if (error === undefined) {
        report('OK');
        call.end();
        return;
      }
      const serviceError = toServiceError(error);
      report(serviceError.code);
      call.emit('error', serviceError);
    };

    const drafts = createLatestDraftWins<DraftAnswer>({
      answer: async (draft: Draft, signal: AbortSignal) => {
        try {
          return { suggestions: await deps.suggestTopics(draft.text, signal), unavailable: false };
        } catch (error) {
          if (signal.aborted) throw error;
          return { suggestions: [], unavailable: true };
        }
      },
      deliver: (draft, answer) => {
        call.write({ draftSeq: draft.seq, ...answer });
      },
      fail: finish,
    });

    call.on('data', (request: SuggestWhileTypingRequest) => {
      if (finished) return;
      try {
        const { draft_seq: seq, text } = parseProtoCall(DraftCall, request);
        drafts.offer({ seq, text });
      } catch (error) {
        finish(error);
      }
    });
    // The client half-closed: answer what is in hand, then end with OK.
    call.on('end', () => {
      void drafts.drained().then(() => finish());
    });
    call.on('cancelled', () => {
      if (finished) return;
      finished = true;
      drafts.cancel();
      report('CANCELLED');
    });
  };
}
