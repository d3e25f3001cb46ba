import { type ChatDraft, type ChatReply, QUESTION_MAX_LENGTH } from './conversation.js';

/** Everything the chat says to a visitor, in one place so that it reads as one voice. */

export const YES = 'Да';
export const NO = 'Нет';
export const RESTART = 'Начать заново';
export const SKIP = 'Пропустить';
export const CORRECTION_OPTIONS = ['Вопрос', 'Имя', 'Контакты', 'Отменить обращение'];

export const say = {
  greeting: (): ChatReply => ({
    text:
      'Здравствуйте! Это приёмная администрации города. Здесь можно подать обращение.\n' +
      'Опишите, пожалуйста, ваш вопрос или проблему одним сообщением: что случилось и где.',
  }),
  help: (): ChatReply => ({
    text:
      'Я помогу подать обращение в администрацию: спрошу ваш вопрос, имя и контакты, покажу обращение целиком ' +
      'и после вашего подтверждения зарегистрирую его и сообщу номер.\n' +
      'Команды: /start или «начать заново» — новое обращение, /cancel или «отмена» — отменить черновик.',
  }),
  askQuestion: (): ChatReply => ({ text: 'Опишите, пожалуйста, ваш вопрос или проблему одним сообщением: что случилось и где.' }),
  questionTooShort: (): ChatReply => ({ text: 'Опишите, пожалуйста, вопрос подробнее: что случилось, где и что вы просите сделать.' }),
  questionTooLong: (length: number): ChatReply => ({
    text:
      `Сообщение слишком длинное (${length} знаков): в чате вопрос можно изложить не более чем в ${QUESTION_MAX_LENGTH} знаках. ` +
      'Сократите его, пожалуйста, или подайте обращение через форму на сайте — там можно написать подробно и приложить файлы.',
  }),
  messageTooLong: (length: number, max: number): ChatReply => ({
    text: `Сообщение слишком длинное (${length} знаков, можно не более ${max}). Напишите, пожалуйста, короче.`,
  }),
  empty: (): ChatReply => ({ text: 'Сообщение пустое.' }),
  attachmentRefused: (): ChatReply => ({
    text:
      'Файлы, фотографии и голосовые сообщения в чате я принять не могу: напишите, пожалуйста, текстом. ' +
      'Обращение с файлами можно подать через форму на сайте.',
  }),
  askName: (suggested?: string): ChatReply => ({
    text: 'Как к вам обращаться? Напишите, пожалуйста, фамилию и имя (и отчество, если хотите).',
    ...(suggested !== undefined ? { options: [suggested] } : {}),
  }),
  nameInvalid: (): ChatReply => ({ text: 'Похоже, это не имя. Напишите, пожалуйста, фамилию и имя буквами, например: Иванова Мария.' }),
  askSurname: (): ChatReply => ({
    text:
      'Укажите, пожалуйста, и фамилию: обращение без фамилии может остаться без ответа (ст. 11 Федерального закона № 59-ФЗ). ' +
      'Напишите фамилию и имя полностью.',
  }),
  askContact: (): ChatReply => ({
    text:
      'Оставьте, пожалуйста, e-mail или номер телефона для связи. ' +
      'Письменный ответ направляется на адрес электронной почты или на почтовый адрес, поэтому лучше указать e-mail.',
  }),
  contactInvalid: (looksLike: 'email' | 'phone' | 'other'): ChatReply => ({
    text:
      looksLike === 'email'
        ? 'Этот адрес электронной почты не похож на настоящий. Проверьте его, пожалуйста, например: ivanova@example.ru.'
        : looksLike === 'phone'
          ? 'Этот номер телефона не похож на настоящий. Напишите его цифрами, например: +7 900 123-45-67.'
          : 'Напишите, пожалуйста, e-mail (например, ivanova@example.ru) или номер телефона (например, +7 900 123-45-67).',
  }),
  askAddress: (): ChatReply => ({
    text:
      'Письменный ответ направляется на e-mail или на почтовый адрес. Если хотите получить ответ письмом, ' +
      'напишите почтовый адрес с индексом или e-mail. Если ответ не нужен письменно, нажмите «Пропустить».',
    options: [SKIP],
  }),
  addressInvalid: (): ChatReply => ({
    text: 'Напишите, пожалуйста, почтовый адрес полностью: индекс, город, улицу, дом и квартиру, — или e-mail, или нажмите «Пропустить».',
    options: [SKIP],
  }),
  readBack: (draft: ChatDraft): ChatReply => ({
    text: ['Проверьте, пожалуйста, ваше обращение:', '', ...readBackLines(draft), '', 'Всё верно? Отправить обращение?'].join('\n'),
    options: [YES, NO],
  }),
  confirmOrCorrect: (): ChatReply => ({ text: 'Ответьте «Да», чтобы отправить обращение, или «Нет», чтобы исправить его.', options: [YES, NO] }),
  askCorrection: (): ChatReply => ({ text: 'Что нужно исправить?', options: CORRECTION_OPTIONS }),
  correctionUnclear: (): ChatReply => ({ text: 'Выберите, пожалуйста, что исправить: вопрос, имя или контакты.', options: CORRECTION_OPTIONS }),
  cancelled: (): ChatReply => ({
    text: 'Обращение отменено, ничего не отправлено. Если захотите подать обращение, просто опишите ваш вопрос.',
  }),
  registered: (registrationNumber: string): ChatReply => ({
    text:
      `Ваше обращение зарегистрировано. Регистрационный номер: ${registrationNumber}.\n` +
      'Сохраните его: по нему можно узнать, что с обращением. Ответ будет дан в течение 30 дней со дня регистрации.',
  }),
  alreadyRegistered: (registrationNumber: string): ChatReply => ({
    text:
      `Ваше обращение уже зарегистрировано под номером ${registrationNumber}. ` +
      'Чтобы подать новое обращение, нажмите «Начать заново».',
    options: [RESTART],
  }),
  cannotCancelRegistered: (registrationNumber: string): ChatReply => ({
    text: `Обращение № ${registrationNumber} уже зарегистрировано, отменить его в чате нельзя. Чтобы подать новое, нажмите «Начать заново».`,
    options: [RESTART],
  }),
};

function readBackLines(draft: ChatDraft): string[] {
  return [
    `Вопрос: ${draft.question ?? ''}`,
    `Имя: ${draft.name ?? ''}`,
    ...(draft.email !== undefined ? [`E-mail: ${draft.email}`] : []),
    ...(draft.phone !== undefined ? [`Телефон: ${draft.phone}`] : []),
    ...(draft.postalAddress !== undefined ? [`Почтовый адрес: ${draft.postalAddress}`] : []),
  ];
}
