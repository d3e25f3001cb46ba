import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { parseRequest } from '@priemnaya/http';
import { CitizenNoticeKind } from '@priemnaya/contracts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ChatOutboxRepository } from '../../../data-access/chat-outbox-repository.js';
import { commonResponses } from '../openapi.js';

const OutboxParams = z.strictObject({
  // The same secret the widget sends its messages with: whoever holds it reads the conversation,
  // and nobody reads one without it.
  conversationId: z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, 'must be 16-100 letters, digits, _ or - (a random UUID fits)'),
});

const OutboxQuery = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,9}$/, 'must be a cursor from an earlier answer')
    .optional()
    .meta({ description: 'The `nextCursor` of the previous answer; without it, from the first message.' }),
});

export const OutboxResponse = z
  .object({
    messages: z.array(
      z.object({
        id: z.uuid(),
        cursor: z.string(),
        kind: CitizenNoticeKind,
        registrationNumber: z.string(),
        text: z.string(),
        answerText: z.string().optional().meta({ description: 'The whole answer when `text` holds only its beginning.' }),
        occurredAt: z.string(),
      }),
    ),
    nextCursor: z.string().optional().meta({ description: 'Pass as `after` to poll for newer messages; absent when there are none yet.' }),
  })
  .meta({ id: 'ChatOutbox' });
export type OutboxResponse = z.infer<typeof OutboxResponse>;

/** What the administration tells the citizen about an appeal of this conversation (registered, forwarded, extended, answered). */
export function chatOutboxRoutes(app: FastifyInstance, outbox: Pick<ChatOutboxRepository, 'listAfter'>): void {
  app.get('/v1/chat/conversations/:conversationId/messages', async (request) => {
    const { conversationId } = parseRequest(OutboxParams, request.params);
    const { after } = parseRequest(OutboxQuery, request.query);
    const messages = await outbox.listAfter(conversationId, after === undefined ? undefined : Number(after));
    const last = messages.at(-1);
    const body: OutboxResponse = {
      messages: messages.map(({ appealId: _appealId, ...message }) => message),
      ...(last !== undefined ? { nextCursor: last.cursor } : after !== undefined ? { nextCursor: after } : {}),
    };
    return body;
  });
}

export function documentChatOutboxRoute(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: '/v1/chat/conversations/{conversationId}/messages',
    summary: 'What the administration tells the visitor about the appeals of a chat conversation',
    description:
      'Notices of registration, forwarding, an extended term and the answer, oldest first, at most 50 at a time. The widget polls ' +
      'with `after` = the previous `nextCursor`. Only the holder of the conversation id reads them; an unknown id reads none. ' +
      'See docs/citizen-notifications.md.',
    request: { params: OutboxParams, query: OutboxQuery },
    responses: {
      200: { description: 'Messages after the cursor.', content: { 'application/json': { schema: OutboxResponse } } },
      ...commonResponses(400, 429, 503),
    },
  });
}
