import { describe, expect, it } from 'vitest';
import { applyLifecycleEvent, emptyAppealClocks, type AppealClocks } from './appeal-clocks.js';
import { bundledProductionCalendar } from './bundled-calendars.js';
import { defaultPolicySet } from './bundled-policies.js';
import { LifecycleEvent } from './lifecycle-events.js';

const calendar = bundledProductionCalendar();
const policies = defaultPolicySet();
const APPEAL = '5d0c2f4e-8a51-4b7e-9a1c-7e3f0b6d2a11';

let counter = 0;
function event(fields: { type: string; at: string } & Record<string, unknown>): LifecycleEvent {
  const { at, ...rest } = fields;
  counter += 1;
  return LifecycleEvent.parse({ eventId: `p${counter}`, appealId: APPEAL, occurredAt: `${at}+03:00`, ...rest });
}
const run = (events: LifecycleEvent[]): AppealClocks =>
  events.reduce((state, next) => applyLifecycleEvent(state, next, policies, calendar), emptyAppealClocks(APPEAL));
const clock = (state: AppealClocks, id: string) => state.clocks.find((candidate) => candidate.clockId === id);

const registeredAndRequested = () => [
  event({ type: 'registered', at: '2026-02-02T10:00:00', channel: 'site', kind: 'appeal' }),
  event({ type: 'forwarding-requested', at: '2026-02-04T10:00:00' }),
];

describe('forwarded: part of an appeal', () => {
  it('59-ФЗ ст. 8 ч. 4: a partial forwarding stops the forwarding clock but the answer clock runs on', () => {
    const state = run([...registeredAndRequested(), event({ type: 'forwarded', at: '2026-02-06T10:00:00', to: 'Прокуратура города', partial: true })]);
    expect(clock(state, 'forwarding')).toMatchObject({ status: 'stopped', outcome: 'met' });
    expect(clock(state, 'answer')).toMatchObject({ status: 'running', dueDate: '2026-03-04' });
  });

  it('59-ФЗ ст. 8 ч. 3: a forwarding of the whole appeal (partial false or absent, as in old messages) stops the answer clock as forwarded', () => {
    for (const partial of [false, undefined]) {
      const forwarded = event({ type: 'forwarded', at: '2026-02-06T10:00:00', to: 'Прокуратура города', ...(partial === undefined ? {} : { partial }) });
      const state = run([...registeredAndRequested(), forwarded]);
      expect(clock(state, 'answer')).toMatchObject({ status: 'stopped', outcome: 'forwarded' });
    }
  });

  it('59-ФЗ ст. 8 ч. 4: after a partial forwarding, the answer on the rest stops the answer clock as met', () => {
    const state = run([
      ...registeredAndRequested(),
      event({ type: 'forwarded', at: '2026-02-06T10:00:00', to: 'Прокуратура города', partial: true }),
      event({ type: 'answered', at: '2026-02-20T10:00:00' }),
    ]);
    expect(clock(state, 'answer')).toMatchObject({ status: 'stopped', outcome: 'met' });
  });
});
