import type { ReactNode } from 'react';

/**
 * Live regions stay in the page even when empty, so screen readers announce what is put
 * in them later: errors assertively, confirmations politely.
 */
export function ErrorAlert({ children }: { children?: ReactNode }) {
  return (
    <div
      className={children ? 'alert alert-error' : 'alert-empty'}
      role="alert"
      aria-live="assertive"
    >
      {children}
    </div>
  );
}

export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div className={children ? 'alert alert-info' : 'alert-empty'} role="status" aria-live="polite">
      {children}
    </div>
  );
}
