import { Suspense, type ReactNode } from 'react';
import { Guard } from '../../../universal-auth/components/Guard';

export default function Layout({ children }: { children: ReactNode }) {
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <Guard access="guest">{children}</Guard>
    </Suspense>
  );
}
