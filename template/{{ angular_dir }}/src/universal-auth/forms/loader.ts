import { effect, signal, type Signal } from '@angular/core';
import { describeError } from './form-action';

export interface Loaded<T> {
  data: Signal<T | null>;
  error: Signal<string | null>;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload(): void;
}

/**
 * Loads a page's data, and again whenever a signal `load` reads before its first await changes.
 * Call it where `inject` works (a field initialiser or the constructor).
 */
export function loader<T>(load: () => Promise<T>): Loaded<T> {
  const version = signal(0);
  const data = signal<T | null>(null);
  const error = signal<string | null>(null);

  effect((onCleanup) => {
    version();
    let current = true;
    onCleanup(() => {
      current = false;
    });
    load().then(
      (value) => {
        if (!current) return;
        data.set(value);
        error.set(null);
      },
      (caught: unknown) => {
        if (current) error.set(describeError(caught));
      },
    );
  });

  return {
    data: data.asReadonly(),
    error: error.asReadonly(),
    reload: () => version.update((value) => value + 1),
  };
}
