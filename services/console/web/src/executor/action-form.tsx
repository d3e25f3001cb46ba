import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import { fieldErrors, type FieldErrors } from '../../../src/domain/field-errors.js';
import { api, ApiError } from '../shared/api.js';

/**
 * One action on a task as a small form: checked with the same schema the executor service uses,
 * errors beside each field, Ctrl+Enter sends from anywhere in it.
 */
export function ActionForm<S extends z.ZodType>(props: {
  title: string;
  schema: S;
  values: Record<string, unknown>;
  toBody?: (parsed: z.infer<S>) => unknown;
  token: string;
  path: string;
  submitLabel: string;
  onDone: () => void;
  children: (errors: FieldErrors) => ReactNode;
}) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState('');
  const [sending, setSending] = useState(false);
  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const parsed = props.schema.safeParse(props.values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setSending(true);
    try {
      await api(props.token, 'POST', props.path, props.toBody ? props.toBody(parsed.data) : parsed.data);
      setFailure('');
      props.onDone();
    } catch (error) {
      if (error instanceof ApiError) {
        setErrors(error.fields);
        setFailure(error.message);
      } else setFailure('Нет связи с сервером');
    } finally {
      setSending(false);
    }
  }
  return (
    <form
      className="action"
      aria-label={props.title}
      noValidate
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
      }}
    >
      <h3>{props.title}</h3>
      {props.children(errors)}
      {failure ? <div className="banner banner--error" role="alert">{failure}</div> : null}
      <button type="submit" disabled={sending}>
        {props.submitLabel}
      </button>
    </form>
  );
}
