import { ref, shallowRef, watchEffect, type Ref } from 'vue';
import { describeError } from './useFormAction';

export interface Loaded<T> {
  data: Ref<T | null>;
  error: Ref<string | null>;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload(): void;
}

/** Loads a page's data, and again whenever a reactive value `load` reads changes. */
export function useLoader<T>(load: () => Promise<T>): Loaded<T> {
  const version = ref(0);
  const data = shallowRef<T | null>(null);
  const error = ref<string | null>(null);

  watchEffect((onCleanup) => {
    void version.value;
    let current = true;
    onCleanup(() => {
      current = false;
    });
    load().then(
      (value) => {
        if (!current) return;
        data.value = value;
        error.value = null;
      },
      (caught: unknown) => {
        if (current) error.value = describeError(caught);
      },
    );
  });

  return { data, error, reload: () => (version.value += 1) };
}
