import { describe, expect, it } from 'vitest';
import { suggestLawKind } from './law-kind-cues.js';

describe('suggestLawKind', () => {
  it.for([
    ['Обжалую решение управы об отказе в ремонте подъезда.', 'complaint', ['обжал']],
    ['Жалоба на действия инспектора отдела благоустройства', 'complaint', ['жалоб']],
    ['Прошу разобраться с бездействием управляющей компании', 'complaint', ['бездейств']],
    ['Считаю, что нарушены мои права при выдаче разрешения', 'complaint', ['нарушен мо прав']],
    ['Предлагаю установить скамейки в сквере на улице Мира', 'proposal', ['предлага']],
    ['Было бы хорошо продлить маршрут автобуса до вокзала', 'proposal', ['было бы хорошо']],
    ['Прошу заменить фонарь во дворе дома 5', 'statement', ['прошу']],
    ['Сообщаю, что на перекрёстке не работает светофор', 'statement', ['сообщаю']],
  ] as const)('59-ФЗ ст. 4: "%s" suggests %s by its cues', ([text, lawKind, cues]) => {
    expect(suggestLawKind(text)).toEqual({ lawKind, cues });
  });

  it('59-ФЗ ст. 4: a complaint outranks a request in the same text (it decides where the appeal may go, ст. 8 ч. 6)', () => {
    expect(suggestLawKind('Прошу рассмотреть мою жалобу на отдел ЖКХ')).toEqual({ lawKind: 'complaint', cues: ['жалоб'] });
  });

  it('59-ФЗ ст. 4: a cue is matched by whole words from their beginning, not inside a word', () => {
    // «пожалобиться» is not a cue; «запрошу» does not begin with «прошу».
    expect(suggestLawKind('Запрошу справку позже, пожалобиться некому')).toBeUndefined();
  });

  it('59-ФЗ ст. 4: a text without any cue stays undecided (no suggestion)', () => {
    expect(suggestLawKind('Во дворе не горит фонарь')).toBeUndefined();
    expect(suggestLawKind('')).toBeUndefined();
  });
});
