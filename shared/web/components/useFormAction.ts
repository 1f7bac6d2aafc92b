import { useCallback, useState, type FormEvent } from 'react';
import { ApiError } from '../lib/api';

export interface FormAction {
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  reset(): void;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'rate_limited')
      return 'Too many attempts. Please wait a moment and try again.';
    return error.message;
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection.';
  return 'Something went wrong. Please try again.';
}

/**
 * Runs `action` with the submitted form's fields and keeps the state a form shows:
 * pending while it runs, then the error message and per-field messages it failed with.
 */
export function useFormAction(
  action: (fields: Record<string, string>, form: HTMLFormElement) => Promise<void>,
  onError?: (error: unknown) => boolean,
): FormAction {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      const fields: Record<string, string> = {};
      new FormData(form).forEach((value, key) => {
        if (typeof value === 'string') fields[key] = value;
      });
      setPending(true);
      setError(null);
      setFieldErrors({});
      action(fields, form)
        .catch((caught: unknown) => {
          if (onError?.(caught)) return;
          setError(describeError(caught));
          if (caught instanceof ApiError) setFieldErrors(caught.fieldErrors());
        })
        .finally(() => setPending(false));
    },
    [action, onError],
  );

  const reset = useCallback(() => {
    setError(null);
    setFieldErrors({});
  }, []);

  return { pending, error, fieldErrors, onSubmit, reset };
}
