import { signal } from '@angular/core';
import { ApiError } from '../lib/api';

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
 * Runs a form's action with its value and keeps the state the form shows: pending while it runs,
 * then the error message and per-field messages it failed with. `onError` may take an error over
 * (a redirect, say) by returning true.
 */
export class FormAction<T> {
  readonly pending = signal(false);
  readonly error = signal<string | null>(null);
  readonly fieldErrors = signal<Record<string, string>>({});

  constructor(
    private readonly action: (value: T) => Promise<void>,
    private readonly onError?: (error: unknown) => boolean,
  ) {}

  run(value: T): void {
    this.pending.set(true);
    this.reset();
    this.action(value)
      .catch((caught: unknown) => {
        if (this.onError?.(caught)) return;
        this.error.set(describeError(caught));
        if (caught instanceof ApiError) this.fieldErrors.set(caught.fieldErrors());
      })
      .finally(() => this.pending.set(false));
  }

  reset(): void {
    this.error.set(null);
    this.fieldErrors.set({});
  }
}
