import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { focusFirstInvalid, formErrors } from '../lib/errors';

export { describeError } from '../lib/errors';

export interface FormAction {
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  /** Runs the action with `form`'s fields, as a submit would (after a confirmation, say). */
  submit(form: HTMLFormElement): void;
  reset(): void;
}

/**
 * Runs `action` with the submitted form's fields and keeps the state a form shows:
 * pending while it runs, then one summary of what failed and each field's own message, with
 * focus moved to the first invalid field.
 */
export function useFormAction(
  action: (fields: Record<string, string>, form: HTMLFormElement) => Promise<void>,
  onError?: (error: unknown) => boolean,
  wording: Record<string, string> = {},
): FormAction {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const submitted = useRef<HTMLFormElement | null>(null);

  // Once the page shows the fields' messages, focus goes to the first invalid field.
  useEffect(() => {
    if (Object.keys(fieldErrors).length) focusFirstInvalid(submitted.current);
  }, [fieldErrors]);

  const submit = useCallback(
    (form: HTMLFormElement) => {
      const fields: Record<string, string> = {};
      new FormData(form).forEach((value, key) => {
        if (typeof value === 'string') fields[key] = value;
      });
      submitted.current = form;
      setPending(true);
      setError(null);
      setFieldErrors({});
      action(fields, form)
        .catch((caught: unknown) => {
          if (onError?.(caught)) return;
          const shown = formErrors(caught, wording);
          setError(shown.summary);
          setFieldErrors(shown.fields);
        })
        .finally(() => setPending(false));
    },
    [action, onError, wording],
  );

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      submit(event.currentTarget);
    },
    [submit],
  );

  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { pending, error, fieldErrors, onSubmit, submit, reset };
}
