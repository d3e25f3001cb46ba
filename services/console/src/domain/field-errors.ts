import type { z } from 'zod';

/** The errors of a form, by field path (`citizen.name`), in Russian, one per field. */
export type FieldErrors = Record<string, string>;

/**
 * A zod issue as the operator reads it beside the field. The schemas are the services' own, with
 * English messages for API clients; the console says the same rule in Russian.
 */
export function russianMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return issue.minimum === 1 && issue.origin === 'string' ? 'Заполните поле' : `Не меньше ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `Не длиннее ${String(issue.maximum)} знаков` : `Не больше ${String(issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'Неверный адрес эл. почты';
      return issue.path.at(-1) === 'phone' ? 'Телефон: цифры, пробелы, скобки или дефисы' : 'Неверный формат';
    case 'invalid_type':
      return issue.expected === 'number' ? 'Введите число' : 'Заполните поле';
    case 'not_multiple_of':
      return 'Введите целое число';
    case 'custom':
      return CUSTOM_MESSAGES[issue.message] ?? issue.message;
    default:
      return 'Неверное значение';
  }
}

/** The services' own custom rules, said in Russian. */
const CUSTOM_MESSAGES: Record<string, string> = {
  'must be true when answered on the spot (59-ФЗ ст. 13 ч. 3)': 'Ответ на месте — только с согласия гражданина (ст. 13 ч. 3)',
  'must be 10 digits for passport-rf: a series of 4 and a number of 6': 'Паспорт РФ: 4 цифры серии и 6 цифр номера',
  'is required when answered on the spot': 'Запишите ответ, данный на месте',
  'must be empty unless answered on the spot': 'Ответ записывается, только если дан на месте',
  'needs a phone, an e-mail or a name': 'Нужны телефон, эл. почта или ФИО',
  'must not name a tag twice': 'Метка указана дважды',
};

/** Every field at fault, first issue per field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    errors[field] ??= russianMessage(issue);
  }
  return errors;
}

/** The fields a service named in its 400 answer (`fields: [{field, message}]`), in Russian where known. */
export function serverFieldErrors(fields: readonly { field: string; message: string }[] | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const { field, message } of fields ?? []) errors[field] ??= CUSTOM_MESSAGES[message] ?? `Сервис не принял значение: ${message}`;
  return errors;
}
