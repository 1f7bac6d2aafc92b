import { nextTick, reactive } from 'vue';
import { focusFirstInvalid, formErrors } from '../lib/errors';

export { describeError } from '../lib/errors';

export type Fields = Record<string, string>;

export interface FormAction {
  pending: boolean;
  error: string | null;
  fieldErrors: Record<string, string>;
  onSubmit(event: Event): void;
  /** Runs the action with `form`'s fields, as a submit would (after a confirmation, say). */
  submit(form: HTMLFormElement): void;
  reset(): void;
}

/**
 * Runs `action` with the submitted form's fields and keeps the state a form shows:
 * pending while it runs, then one summary of what failed and each field's own message, with
 * focus moved to the first invalid field.
 * `onError` may take an error over (a redirect, say) by returning true.
 */
export function useFormAction(
  action: (fields: Fields, form: HTMLFormElement) => Promise<void>,
  onError?: (error: unknown) => boolean,
  wording: Record<string, string> = {},
): FormAction {
  const state: FormAction = reactive({
    pending: false,
    error: null,
    fieldErrors: {},
    onSubmit(event: Event) {
      event.preventDefault();
      state.submit(event.currentTarget as HTMLFormElement);
    },
    submit(form: HTMLFormElement) {
      const fields: Fields = {};
      new FormData(form).forEach((value, key) => {
        if (typeof value === 'string') fields[key] = value;
      });
      state.pending = true;
      state.reset();
      action(fields, form)
        .catch((caught: unknown) => {
          if (onError?.(caught)) return;
          const shown = formErrors(caught, wording);
          state.error = shown.summary;
          state.fieldErrors = shown.fields;
          // Once the page shows the fields' messages, focus goes to the first invalid field.
          void nextTick(() => focusFirstInvalid(form));
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
