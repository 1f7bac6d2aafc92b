import { useCallback, useState } from 'react';
import { ApiError } from '../lib/api';
import { describeError } from '../lib/errors';

export interface Action {
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
  run(): void;
}

/**
 * Runs `action` on a press and keeps what the screen shows: pending while it runs, then the
 * readable error and per-field messages it failed with. `onError` may take an error over
 * (returning true), as sign-in does with `consent_required`.
 */
export function useAction(
  action: () => Promise<void>,
  onError?: (error: unknown) => boolean,
): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const run = useCallback(() => {
    setPending(true);
    setError(null);
    setFieldErrors({});
    action()
      .catch((caught: unknown) => {
        if (onError?.(caught)) return;
        setError(describeError(caught));
        if (caught instanceof ApiError) setFieldErrors(caught.fieldErrors());
      })
      .finally(() => setPending(false));
  }, [action, onError]);

  return { pending, error, fieldErrors, run };
}
