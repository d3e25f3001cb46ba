import { status, type ClientDuplexStream, type Metadata } from '@grpc/grpc-js';
import type {
  DeskServiceClient,
  SuggestTopicsRequest,
  SuggestTopicsResponse,
  SuggestWhileTypingRequest,
  SuggestWhileTypingResponse,
} from '@priemnaya/grpc/generated/priemnaya/desk/v1/desk.js';
import { freePorts, waitFor } from '@priemnaya/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callDesk, failureOf, staffMetadata, startDeskScenario, type DeskScenario } from './support/desk-harness.js';

const HEATING = 'В подъезде нет отопления, батареи холодные';
const BUS = 'Автобус по маршруту 12 не ходит по расписанию';

/** A SuggestWhileTyping call and everything it has answered, and how it ended. */
function typingSession(client: DeskServiceClient, metadata: Metadata) {
  const stream: ClientDuplexStream<SuggestWhileTypingRequest, SuggestWhileTypingResponse> = client.suggestWhileTyping(metadata, { deadline: Date.now() + 30_000 });
  const answers: SuggestWhileTypingResponse[] = [];
  stream.on('data', (answer: SuggestWhileTypingResponse) => answers.push(answer));
  const ended = new Promise<{ code: number; details: string }>((resolve) => {
    stream.on('status', (result: { code: number; details: string }) => resolve(result));
  });
  stream.on('error', () => undefined); // the status above says how it ended
  return {
    answers,
    ended,
    type: (draftSeq: number, text: string) => stream.write({ draftSeq, text }),
    done: () => stream.end(),
    answerTo: (draftSeq: number) => waitFor(() => answers.find((answer) => answer.draftSeq === draftSeq), { description: `the answer to draft ${draftSeq}` }),
  };
}

describe('DeskService/SuggestTopics and SuggestWhileTyping', () => {
  let scenario: DeskScenario;
  /** A desk whose router never answers: a port nothing listens on. */
  let deskWithoutRouter: DeskServiceClient;

  beforeAll(async () => {
    scenario = await startDeskScenario();
    const [port] = await freePorts(1);
    deskWithoutRouter = await scenario.startDesk({ routerUrl: `http://127.0.0.1:${port}` });
  });
  afterAll(() => scenario.teardown.run());

  const suggest = (client: DeskServiceClient, text: string) =>
    callDesk<SuggestTopicsRequest, SuggestTopicsResponse>(client.suggestTopics.bind(client), { text });

  it('SuggestTopics: when the text is about heating, suggests housing and its unit with the matching rule', async () => {
    const { suggestions } = await suggest(scenario.desk, HEATING);

    expect(suggestions).toEqual([
      { topic: 'housing', topicName: 'ЖКХ и благоустройство', unit: 'zhkh', reason: 'keyword rule sample-housing: отоплен, батаре, подъезд, холодн' },
    ]);
  });

  it('SuggestTopics: when nothing matches, suggests nothing', async () => {
    expect(await suggest(scenario.desk, 'Здравствуйте')).toEqual({ suggestions: [] });
  });

  it('SuggestTopics: when the router does not answer, fails with UNAVAILABLE', async () => {
    const error = await failureOf(suggest(deskWithoutRouter, HEATING));

    expect(error.code).toBe(status.UNAVAILABLE);
  });

  it('SuggestWhileTyping: answers successive drafts, each with its own suggestions, and ends with OK after the client half-closes', async () => {
    const session = typingSession(scenario.desk, await staffMetadata({ staffId: 'operator-7' }));
    session.type(1, HEATING);
    expect((await session.answerTo(1)).suggestions.map((s) => s.topic)).toEqual(['housing']);
    session.type(2, BUS);
    expect((await session.answerTo(2)).suggestions.map((s) => [s.topic, s.unit])).toEqual([['transport', 'transport']]);

    // A burst: some drafts may be dropped for newer ones, the newest is always answered, in order.
    session.type(3, 'В');
    session.type(4, 'Во дворе');
    session.type(5, `${HEATING}.`);
    session.done();
    expect(await session.ended).toMatchObject({ code: status.OK });
    const seqs = session.answers.map((answer) => answer.draftSeq);
    expect(seqs.slice(0, 2)).toEqual([1, 2]);
    expect(seqs.at(-1)).toBe(5);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(session.answers.at(-1)?.suggestions.map((s) => s.topic)).toEqual(['housing']);
  });

  it('SuggestWhileTyping: when a draft is too long, ends the call with INVALID_ARGUMENT naming text', async () => {
    const session = typingSession(scenario.desk, await staffMetadata({ staffId: 'operator-7' }));
    session.type(1, 'я'.repeat(20_001));

    const ended = await session.ended;
    expect(ended.code).toBe(status.INVALID_ARGUMENT);
    expect(ended.details).toContain('text:');
  });

  it('SuggestWhileTyping: when the router does not answer, marks the draft unavailable and keeps the stream open', async () => {
    const session = typingSession(deskWithoutRouter, await staffMetadata({ staffId: 'operator-7' }));
    session.type(1, HEATING);
    expect(await session.answerTo(1)).toEqual({ draftSeq: 1, suggestions: [], unavailable: true });
    session.type(2, BUS);
    expect((await session.answerTo(2)).unavailable).toBe(true);
    session.done();
    expect((await session.ended).code).toBe(status.OK);
  });
});
