import { Children, type ReactNode } from 'react';

/**
 * Live regions stay in the page even when empty, so screen readers announce what is put
 * in them later: errors assertively, confirmations politely.
 * A region holding only `false` or `null` (a condition not met) counts as empty.
 */
function shown(children: ReactNode): boolean {
  return Children.toArray(children).length > 0;
}

export function ErrorAlert({ children }: { children?: ReactNode }) {
  return (
    <div
      className={shown(children) ? 'alert alert-error' : 'alert-empty'}
      role="alert"
      aria-live="assertive"
    >
      {children}
    </div>
  );
}

export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div
      className={shown(children) ? 'alert alert-info' : 'alert-empty'}
      role="status"
      aria-live="polite"
    >
      {children}
    </div>
  );
}
