import { describe, expect, it } from 'vitest';
import { russianReason } from './suggestion-reason.js';

describe('why a topic is suggested, for the operator', () => {
  it('says the desk’s reasons in Russian', () => {
    expect(russianReason('keyword rule sample-housing: горяч, вод')).toBe('правило sample-housing, совпали слова: горяч, вод');
    expect(russianReason('equally likely topics: housing, roads; the appeal would go to triage')).toBe(
      'темы равновероятны (ЖКХ и благоустройство, Дороги); обращение уйдёт на ручную маршрутизацию',
    );
    expect(russianReason('no unit in the routing table for this topic; the appeal would go to triage')).toBe(
      'для темы нет подразделения в таблице маршрутизации; обращение уйдёт на ручную маршрутизацию',
    );
    expect(russianReason('model')).toBe('классификатор обращений');
  });

  it('keeps a reason it does not know as it came', () => {
    expect(russianReason('a new kind of reason')).toBe('a new kind of reason');
  });
});
