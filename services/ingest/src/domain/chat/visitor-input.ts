import { AppealAuthor } from '@priemnaya/contracts';
import { ADDRESS_MAX_LENGTH, NAME_MAX_LENGTH } from './conversation.js';

/** What the visitor's words mean whatever the state: a command, or just text for the current step. */
export type Command = 'start' | 'cancel' | 'restart' | 'help';

/** Telegram sends `/start`, `/start payload` or `/start@bot_name`; the widget sends words. */
export function commandOf(text: string): Command | undefined {
  const slash = /^\/([a-z_]+)(?:@\w+)?(?:\s|$)/i.exec(text);
  if (slash) {
    const name = slash[1]?.toLowerCase();
    if (name === 'start') return 'start';
    if (name === 'cancel' || name === 'stop') return 'cancel';
    if (name === 'restart' || name === 'new') return 'restart';
    if (name === 'help') return 'help';
    return undefined;
  }
  const words = normalise(text);
  if (['начать заново', 'начать сначала', 'новое обращение', 'заново'].includes(words)) return 'restart';
  if (['отмена', 'отменить', 'отменить обращение'].includes(words)) return 'cancel';
  if (['помощь', 'справка'].includes(words)) return 'help';
  return undefined;
}

export function isYes(text: string): boolean {
  return ['да', 'да отправить', 'отправить', 'верно', 'все верно', 'подтверждаю', 'ок', 'ok', 'yes', 'ага'].includes(normalise(text));
}

export function isNo(text: string): boolean {
  return ['нет', 'не верно', 'неверно', 'исправить', 'изменить', 'no'].includes(normalise(text));
}

export function isSkip(text: string): boolean {
  return ['пропустить', 'не нужно', 'не надо', 'нет', 'без адреса'].includes(normalise(text));
}

/** A message that only greets, which should not be taken for the question itself. */
export function isGreeting(text: string): boolean {
  return /^(здравствуйте|здравствуй|привет|добрый день|добрый вечер|доброе утро|добрый|hello|hi)$/.test(normalise(text));
}

export type CorrectionTarget = 'question' | 'name' | 'contact';

/** "Имя", "исправить имя", "фамилию" ...: which part of the appeal the visitor wants to change. */
export function correctionTargetOf(text: string): CorrectionTarget | undefined {
  const words = normalise(text).replace(/^(исправить|изменить|поменять)\s+/, '');
  if (/^(вопрос|текст|обращение|суть)/.test(words)) return 'question';
  if (/^(имя|фио|фамили|ф и о)/.test(words)) return 'name';
  if (/^(контакт|телефон|почт|e-?mail|емейл|имейл|адрес)/.test(words)) return 'contact';
  return undefined;
}

const EmailSchema = AppealAuthor.shape.email.unwrap();
const PhoneSchema = AppealAuthor.shape.phone.unwrap();

export type ContactReading = { kind: 'email'; email: string } | { kind: 'phone'; phone: string } | { kind: 'invalid'; looksLike: 'email' | 'phone' | 'other' };

/** An e-mail or a phone number, checked by the same schemas that check the appeal's author. */
export function readContact(text: string): ContactReading {
  const value = text.trim();
  if (value.includes('@')) {
    const email = EmailSchema.safeParse(value);
    return email.success ? { kind: 'email', email: email.data } : { kind: 'invalid', looksLike: 'email' };
  }
  if (/^[+0-9 ()-]+$/.test(value)) {
    const phone = PhoneSchema.safeParse(value);
    return phone.success ? { kind: 'phone', phone: phone.data } : { kind: 'invalid', looksLike: 'phone' };
  }
  return { kind: 'invalid', looksLike: 'other' };
}

/** A name as a person writes it: letters, spaces, hyphens, dots and apostrophes only. */
export function readName(text: string): string | undefined {
  const name = text.trim().replace(/\s+/g, ' ');
  if (name.length < 2 || name.length > NAME_MAX_LENGTH) return undefined;
  return /^[\p{L}][\p{L} .'’-]*$/u.test(name) ? name : undefined;
}

/** A postal address must at least say a street and a number; the office checks the rest. */
export function readPostalAddress(text: string): string | undefined {
  const address = text.trim().replace(/\s+/g, ' ');
  if (address.length < 8 || address.length > ADDRESS_MAX_LENGTH) return undefined;
  return /\p{L}/u.test(address) && /\d/.test(address) ? address : undefined;
}

export function letterCount(text: string): number {
  return (text.match(/\p{L}/gu) ?? []).length;
}

/** Lower case, ё as е, no punctuation or repeated spaces: how buttons and short answers are compared. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[.,!?;:«»"()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
