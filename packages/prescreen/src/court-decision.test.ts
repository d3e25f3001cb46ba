import { describe, expect, it } from 'vitest';
import { contestsCourtDecision } from './court-decision.js';

describe('59-ФЗ ст. 11 ч. 2: contestsCourtDecision (returned within 7 days with how to appeal it)', () => {
  it.each([
    ['обжалую решение суда', 'Обжалую решение суда по моему делу о разделе участка'],
    ['не согласен с решением суда', 'Я не согласен с решением мирового суда, оно ошибочно'],
    ['не согласна с приговором', 'Не согласна с приговором, вынесенным моему сыну'],
    ['прошу отменить судебное решение', 'Прошу отменить судебное решение о взыскании долга'],
    ['незаконное решение суда', 'Районный суд вынес незаконное решение о сносе гаража'],
    ['несправедливый приговор', 'Это несправедливый приговор, разберитесь'],
    ['хочу подать апелляцию', 'Хочу подать апелляцию, куда обращаться?'],
    ['пересмотр определения суда', 'Требую пересмотра определения суда о выселении'],
  ])('finds %s', (_, text) => {
    expect(contestsCourtDecision(text)).toBe(true);
  });

  // Court decisions cited to be carried out, or mentioned beside unrelated words.
  it.each([
    ['asks to carry out a decision', 'По решению суда администрация обязана предоставить мне жильё, но решение не исполняется'],
    ['cites a decision about an illegal building', 'Есть решение суда о сносе незаконной постройки, почему её не сносят?'],
    ['the administration appealed', 'Сообщите, чем закончилась апелляция по делу о парке'],
    ['a decision of the council', 'Не согласен с решением совета депутатов о повышении тарифов'],
    ['a plain complaint', 'Во дворе не горят фонари уже неделю'],
    ['the court building', 'У здания суда нет пандуса, отмените платную парковку'],
  ])('does not take %s for contesting', (_, text) => {
    expect(contestsCourtDecision(text)).toBe(false);
  });
});
