import type { ReactNode } from 'react';

/** A labelled field with its error right beside it, tied to the input for screen readers. */
export function Field(props: { id: string; label: string; error?: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <div className={`field${props.error ? ' field--invalid' : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.children}
      {props.hint && !props.error ? <div className="field__hint">{props.hint}</div> : null}
      {props.error ? (
        <div className="field__error" id={`${props.id}-error`} role="alert" data-testid={`error-${props.id}`}>
          {props.error}
        </div>
      ) : null}
    </div>
  );
}

/** The aria attributes of an input whose error is shown by Field. */
export const invalidProps = (id: string, error: string | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};
