'use client';

import type { ReactNode } from 'react';
import { AuthProvider } from '../universal-auth/auth/AuthProvider';
import { SiteHeader } from '../universal-auth/components/SiteHeader';
import '../universal-auth/components/styles.css';

export function Providers({ children }: { children: ReactNode }) {
  return (
    <AuthProvider>
      <div className="universal-auth">
        <SiteHeader />
        <main id="main">{children}</main>
      </div>
    </AuthProvider>
  );
}
