import { AppError, UnavailableError } from '@priemnaya/errors';
import { z } from 'zod';
import type { RouterSuggestion } from '../domain/topic-suggestion.js';

const SuggestionsBody = z.object({
  suggestions: z.array(
    z.object({
      topic: z.string(),
      unit: z.string().optional(),
      confidence: z.number().optional(),
      reason: z.looseObject({ kind: z.string() }),
    }),
  ),
});

/** The router's `POST /v1/suggestions`: what it would decide for a text, without deciding it. */
export function createRouterClient(baseUrl: string, timeoutMs: number) {
  return {
    /**
     * Rejects with the caller's abort reason when `signal` aborts (a newer draft), and with an
     * UnavailableError when the router does not answer within the timeout or fails.
     */
    async suggest(text: string, signal?: AbortSignal): Promise<RouterSuggestion[]> {
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      try {
        response = await fetch(new URL('/v1/suggestions', baseUrl), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text, channel: 'desk' }),
          signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]),
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new UnavailableError('the router did not answer', error);
      }
      if (response.status >= 500 || response.status === 429) throw new UnavailableError(`the router answered ${response.status}`);
      // The desk validates what it sends; a refusal means the two disagree, which no retry mends.
      if (!response.ok) throw new AppError('SuggestionRefused', `the router answered ${response.status}`, { retriable: false });
      return SuggestionsBody.parse(await response.json()).suggestions;
    },
  };
}
export type RouterClient = ReturnType<typeof createRouterClient>;
