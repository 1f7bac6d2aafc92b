'use client';

import { useContext, type ReactNode } from 'react';
import { AuthProvider } from '../auth/AuthProvider';
import { AuthContext } from '../auth/context';
import './styles.css';

/**
 * The auth pages' provider and the one element its styles apply inside. An app whose own layout
 * already provides both (the app generated with the auth) keeps its own.
 */
export function AuthScope({ children }: { children: ReactNode }) {
  if (useContext(AuthContext)) return <>{children}</>;
  return (
    <AuthProvider>
      <div className="universal-auth">{children}</div>
    </AuthProvider>
  );
}
