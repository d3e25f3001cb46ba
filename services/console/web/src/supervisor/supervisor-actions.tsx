import { useState } from 'react';
import { WORK_FORMS } from '../../../src/forms/work-forms.js';
import { ActionForm } from '../executor/action-form.js';
import type { WorkStateView } from '../executor/use-appeal.js';
import { Field, invalidProps } from '../shared/form-field.js';
import type { Session } from '../shared/session.js';

/** A supervisor on the card: decide the pending extension requests, move the task to another executor. */
export function SupervisorActions({ session, base, work, onDone }: { session: Session; base: string; work: WorkStateView; onDone: () => void }) {
  const pending = work.extensions.filter((request) => request.decision === undefined);
  const [executorId, setExecutorId] = useState('');
  const [why, setWhy] = useState('');
  return (
    <aside className="actions" aria-label="Решения руководителя">
      <h2>Решения</h2>
      {pending.map((request) => (
        <ExtensionDecision key={request.requestId} token={session.token} base={base} request={request} onDone={onDone} />
      ))}
      {pending.length === 0 ? <p className="muted">Запросов продления нет. Продлено всего: {work.approvedExtensionDays} дн.</p> : null}
      <ActionForm title="Переназначить" schema={WORK_FORMS.assign} values={{ executorId, why }} token={session.token} path={`${base}/assign`} submitLabel="Назначить" onDone={onDone}>
        {(errors) => (
          <>
            <Field id="assign-executor" label={`Исполнитель (сейчас: ${work.executorId ?? 'не назначен'})`} error={errors.executorId}>
              <input id="assign-executor" value={executorId} onChange={(e) => setExecutorId(e.target.value)} {...invalidProps('assign-executor', errors.executorId)} />
            </Field>
            <Field id="assign-why" label="Почему" error={errors.why}>
              <input id="assign-why" value={why} onChange={(e) => setWhy(e.target.value)} {...invalidProps('assign-why', errors.why)} />
            </Field>
          </>
        )}
      </ActionForm>
    </aside>
  );
}

export function ExtensionDecision({ token, base, request, onDone }: { token: string; base: string; request: { requestId: string; days: number }; onDone: () => void }) {
  const [why, setWhy] = useState('');
  const [decision, setDecision] = useState<'approve' | 'refuse'>('approve');
  const id = `decision-${request.requestId}`;
  return (
    <ActionForm title={`Продление на ${request.days} дн.`} schema={WORK_FORMS.decision} values={{ why }} token={token} path={`${base}/extension-requests/${request.requestId}/${decision}`} submitLabel={decision === 'approve' ? 'Одобрить' : 'Отказать'} onDone={onDone}>
      {(errors) => (
        <>
          <div role="radiogroup" aria-label="Решение">
            <label>
              <input type="radio" checked={decision === 'approve'} onChange={() => setDecision('approve')} /> одобрить
            </label>{' '}
            <label>
              <input type="radio" checked={decision === 'refuse'} onChange={() => setDecision('refuse')} /> отказать
            </label>
          </div>
          <Field id={id} label="Обоснование решения" error={errors.why}>
            <input id={id} value={why} onChange={(e) => setWhy(e.target.value)} {...invalidProps(id, errors.why)} />
          </Field>
        </>
      )}
    </ActionForm>
  );
}
