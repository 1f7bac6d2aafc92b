import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from '../router';
import { allows, useAuth, type Access } from './context';
import { paths } from '../lib/paths';

export const HOME = paths.dashboard;
export const SIGN_IN = paths.login;

/** Where the user goes after signing in: back to the page that sent them to login. */
export function useReturnPath(): string {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return from && from.startsWith('/') && !from.startsWith('//') ? from : HOME;
}

/**
 * Renders its page only for those `access` admits; others are sent where they belong. A host
 * page may use it too: `<Guard access="user"><Projects /></Guard>`.
 */
export function Guard({
  access,
  title,
  children,
}: {
  access: Access;
  /** The document title of an auth page; a host page keeps its own. */
  title?: string;
  children: ReactNode;
}) {
  const { status, user, signedOutByUser } = useAuth();
  const location = useLocation();
  const returnPath = useReturnPath();

  useEffect(() => {
    if (title) document.title = title;
  }, [title]);

  if (status === 'loading') {
    return <p role="status">Loading…</p>;
  }
  const signedIn = status === 'signed-in';
  if (allows(access, user?.role, signedIn)) return <>{children}</>;
  // A visitor who just signed in on a guest page goes back to where they were headed.
  if (access === 'guest') return <Navigate to={returnPath} replace />;
  if (!signedIn) {
    // After an explicit sign-out the next sign-in starts afresh, not on the page left behind.
    const from = signedOutByUser ? undefined : location.pathname + location.search;
    return <Navigate to={SIGN_IN} replace state={{ from }} />;
  }
  return (
    <section aria-labelledby="forbidden-title">
      <h1 id="forbidden-title">Not allowed</h1>
      <p>This page is for administrators.</p>
    </section>
  );
}
