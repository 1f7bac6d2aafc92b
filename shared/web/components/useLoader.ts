import { useCallback, useEffect, useState } from 'react';
import { describeError } from './useFormAction';

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload(): void;
}

/** Loads data for a page when `load` changes (pass a stable function, e.g. from useCallback). */
export function useLoader<T>(load: () => Promise<T>): Loaded<T> {
  const [version, setVersion] = useState(0);
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
      },
      (caught: unknown) => {
        if (current) setError(describeError(caught));
      },
    );
    return () => {
      current = false;
    };
  }, [load, version]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data, error, reload };
}
