import { describe, expect, it } from 'vitest';
import { type Conversation, newConversation, QUESTION_MAX_LENGTH } from './conversation.js';
import { converse, registered, type Step } from './converse.js';

const QUESTION = 'Во дворе дома 5 по улице Ленина третью неделю не горит фонарь';

/** Feeds texts one by one, as a visitor would type them, and returns the last step. */
function talk(texts: string[], from: Conversation = newConversation()): Step {
  let step: Step = { kind: 'reply', conversation: from, replies: [] };
  for (const text of texts) {
    if (step.kind !== 'reply') throw new Error('registration came before the last message');
    step = converse(step.conversation, { text, hasAttachment: false });
  }
  return step;
}

function replyStep(step: Step): Extract<Step, { kind: 'reply' }> {
  if (step.kind !== 'reply') throw new Error(`expected replies, got ${step.kind}`);
  return step;
}

function said(step: Step): string {
  return replyStep(step).replies.map((reply) => reply.text).join('\n');
}

describe('converse', () => {
  it('when the visitor answers every question and says да, asks to register the appeal as read back', () => {
    const readBack = talk([QUESTION, 'Иванова Мария', 'maria@example.org']);
    expect(replyStep(readBack).conversation.state).toBe('awaiting-confirmation');
    expect(said(readBack)).toContain(QUESTION);
    expect(said(readBack)).toContain('Иванова Мария');
    expect(said(readBack)).toContain('maria@example.org');
    expect(replyStep(readBack).replies.at(-1)?.options).toEqual(['Да', 'Нет']);

    const confirmed = converse(replyStep(readBack).conversation, { text: 'Да', hasAttachment: false });
    expect(confirmed).toMatchObject({ kind: 'register', appeal: { question: QUESTION, author: { name: 'Иванова Мария', email: 'maria@example.org' } } });
  });

  it('when the appeal is registered, answers with the registration number and stays registered', () => {
    const step = talk([QUESTION, 'Иванова Мария', 'maria@example.org']);
    const done = replyStep(registered(replyStep(step).conversation, { appealId: 'a', registrationNumber: '00007/2026' }));
    expect(done.conversation.state).toBe('registered');
    expect(said(done)).toContain('00007/2026');
    expect(said(talk(['ещё вопрос'], done.conversation))).toContain('уже зарегистрировано под номером 00007/2026');
  });

  it('when only a phone is given, asks for a postal or e-mail address for the written answer and lets it be skipped', () => {
    const asked = talk([QUESTION, 'Петров Иван', '+7 900 123-45-67']);
    expect(replyStep(asked).conversation.state).toBe('awaiting-address');
    expect(said(asked)).toContain('почтовый адрес');
    const skipped = talk(['Пропустить'], replyStep(asked).conversation);
    expect(replyStep(skipped).conversation).toMatchObject({ state: 'awaiting-confirmation', draft: { phone: '+7 900 123-45-67', addressSkipped: true } });
    const withAddress = talk(['305000, г. Курск, ул. Ленина, д. 5, кв. 7'], replyStep(asked).conversation);
    expect(replyStep(withAddress).conversation.draft.postalAddress).toBe('305000, г. Курск, ул. Ленина, д. 5, кв. 7');
  });

  it('when the contact is not an e-mail or a phone by the contract schemas, says so and asks again', () => {
    const step = talk([QUESTION, 'Петров Иван', 'maria@', 'позвоните мне']);
    expect(replyStep(step).conversation.state).toBe('awaiting-contact');
    expect(said(talk([QUESTION, 'Петров Иван', 'maria@']))).toContain('не похож на настоящий');
  });

  it('when the name has no surname, asks once for it and completes the name with the surname given alone', () => {
    const asked = talk([QUESTION, 'Мария']);
    expect(said(asked)).toContain('фамилию');
    expect(replyStep(asked).conversation.state).toBe('awaiting-name');
    expect(replyStep(talk(['Иванова'], replyStep(asked).conversation)).conversation.draft.name).toBe('Иванова Мария');
    // The second answer is taken as it is, even without a surname: intake never refuses.
    expect(replyStep(talk(['Маша'], replyStep(asked).conversation)).conversation.state).toBe('awaiting-contact');
  });

  it('when the visitor says нет and picks a part, asks only for that part and reads the appeal back again', () => {
    const corrected = talk([QUESTION, 'Иванова Мария', 'maria@example.org', 'Нет', 'Имя', 'Петрова Анна']);
    expect(replyStep(corrected).conversation).toMatchObject({ state: 'awaiting-confirmation', draft: { name: 'Петрова Анна', email: 'maria@example.org', question: QUESTION } });
    const direct = talk([QUESTION, 'Иванова Мария', 'maria@example.org', 'исправить контакты', 'anna@example.org']);
    expect(replyStep(direct).conversation.draft).toMatchObject({ email: 'anna@example.org' });
    expect(replyStep(direct).conversation.state).toBe('awaiting-confirmation');
  });

  it('when the answer to the read-back is neither да nor нет, asks again and registers nothing', () => {
    const step = talk([QUESTION, 'Иванова Мария', 'maria@example.org', 'может быть']);
    expect(replyStep(step).conversation.state).toBe('awaiting-confirmation');
    expect(said(step)).toContain('«Да»');
  });

  it('when /cancel or «начать заново» comes mid-way, drops the draft; once it was read back, the next appeal takes a new sequence', () => {
    const early = replyStep(talk([QUESTION, '/cancel']));
    expect(early.conversation).toEqual({ state: 'awaiting-question', draft: {}, sequence: 1 });
    expect(said(early)).toContain('отменено');
    const late = replyStep(talk([QUESTION, 'Иванова Мария', 'maria@example.org', 'начать заново']));
    expect(late.conversation).toEqual({ state: 'awaiting-question', draft: {}, sequence: 2 });
  });

  it('when /start comes after a registration, starts a new appeal with the next sequence; /cancel there cancels nothing', () => {
    const done = replyStep(registered(replyStep(talk([QUESTION, 'Иванова Мария', 'maria@example.org'])).conversation, { appealId: 'a', registrationNumber: '00007/2026' }));
    expect(said(talk(['/cancel'], done.conversation))).toContain('отменить его в чате нельзя');
    expect(replyStep(talk(['/start@priemnaya_bot'], done.conversation)).conversation).toEqual({ state: 'awaiting-question', draft: {}, sequence: 2 });
  });

  it('when a message is empty, says so and repeats the current question', () => {
    const step = talk([QUESTION, '   ']);
    expect(said(step)).toContain('пустое');
    expect(said(step)).toContain('фамилию и имя');
  });

  it('when a message carries a file, says it cannot take files and keeps to the text', () => {
    const step = converse(newConversation(), { text: QUESTION, hasAttachment: true });
    expect(said(step)).toContain('принять не могу');
    expect(replyStep(step).conversation).toMatchObject({ state: 'awaiting-name', draft: { question: QUESTION } });
  });

  it('when the question is longer than a chat message may be, refuses it, names the limit and keeps waiting for it', () => {
    const step = talk(['ж'.repeat(QUESTION_MAX_LENGTH + 1)]);
    expect(said(step)).toContain(String(QUESTION_MAX_LENGTH));
    expect(replyStep(step).conversation.state).toBe('awaiting-question');
  });

  it('when the first message only greets or is too short, asks for the question instead of taking it', () => {
    expect(replyStep(talk(['Здравствуйте!'])).conversation.state).toBe('awaiting-question');
    expect(said(talk(['Фонарь']))).toContain('подробнее');
  });

  it('when Telegram knows the visitor\'s name, offers it as a button', () => {
    const step = converse(newConversation(), { text: QUESTION, hasAttachment: false }, { suggestedName: 'Петров Иван' });
    expect(replyStep(step).replies.at(-1)?.options).toEqual(['Петров Иван']);
  });
});
