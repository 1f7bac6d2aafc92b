import { reactive } from 'vue';
import { ApiError } from '../lib/api';

export type Fields = Record<string, string>;

export interface FormAction {
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
  onSubmit(event: Event): void;
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
 * `onError` may take an error over (a redirect, say) by returning true.
 */
export function useFormAction(
  action: (fields: Fields, form: HTMLFormElement) => Promise<void>,
  onError?: (error: unknown) => boolean,
): FormAction {
  const state: FormAction = reactive({
    pending: false,
    error: null,
    fieldErrors: {},
    onSubmit(event: Event) {
      event.preventDefault();
      const form = event.currentTarget as HTMLFormElement;
      const fields: Fields = {};
      new FormData(form).forEach((value, key) => {
        if (typeof value === 'string') fields[key] = value;
      });
      state.pending = true;
      state.reset();
      action(fields, form)
        .catch((caught: unknown) => {
          if (onError?.(caught)) return;
          state.error = describeError(caught);
          if (caught instanceof ApiError) state.fieldErrors = caught.fieldErrors();
        })
        .finally(() => {
          state.pending = false;
        });
    },
    reset() {
      state.error = null;
      state.fieldErrors = {};
    },
  });
  return state;
}
