'use client';

import type { ReactNode } from 'react';
import { AuthProvider } from '../auth/AuthProvider';
import { SiteHeader } from '../components/SiteHeader';
import '../components/styles.css';

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
