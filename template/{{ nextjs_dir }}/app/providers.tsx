'use client';

import type { ReactNode } from 'react';
import { AuthProvider } from '../auth/AuthProvider';
import { SiteHeader } from '../components/SiteHeader';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <AuthProvider>
      <SiteHeader />
      <main id="main">{children}</main>
    </AuthProvider>
  );
}
