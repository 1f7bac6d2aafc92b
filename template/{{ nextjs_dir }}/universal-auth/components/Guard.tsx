'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { allows, useAuth, type Access } from '../auth/context';
import { SIGN_IN, useReturnPath } from '../lib/navigation';

/** Renders its pages only for those `access` admits; others are sent where they belong. */
export function Guard({ access, children }: { access: Access; children: ReactNode }) {
  const { status, user, signedOutByUser } = useAuth();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const returnPath = useReturnPath();

  const signedIn = status === 'signed-in';
  const allowed = status !== 'loading' && allows(access, user?.role, signedIn);
  let target: string | null = null;
  if (status !== 'loading' && !allowed) {
    if (access === 'guest') {
      // A visitor who just signed in on a guest page goes back to where they were headed.
      target = returnPath;
    } else if (!signedIn) {
      // After an explicit sign-out the next sign-in starts afresh, not on the page left behind.
      const here = pathname + (search ? `?${search}` : '');
      target = signedOutByUser ? SIGN_IN : `${SIGN_IN}?next=${encodeURIComponent(here)}`;
    }
  }

  useEffect(() => {
    if (target) router.replace(target);
  }, [router, target]);

  if (status === 'loading' || target) return <p role="status">Loading…</p>;
  if (!allowed) {
    return (
      <section aria-labelledby="forbidden-title">
        <h1 id="forbidden-title" tabIndex={-1}>
          Not allowed
        </h1>
        <p>This page is for administrators.</p>
      </section>
    );
  }
  return <>{children}</>;
}
