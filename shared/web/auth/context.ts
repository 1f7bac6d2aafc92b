import { createContext, useContext } from 'react';
import type { User } from '../lib/api-types';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

export interface AuthState {
  status: AuthStatus;
  user: User | null;
  /** True after the user signed out here; false when the session ended otherwise (expiry, revocation). */
  signedOutByUser: boolean;
  /** Puts the user of a fresh session in place (after login or MFA). */
  signedIn(user: User): void;
  /** Re-reads the current user (after a change to the account). */
  reload(): Promise<void>;
  signOut(): Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

/**
 * Who may open a page: anyone (`public`), only signed-out visitors (`guest`), signed-in
 * users (`user`) or administrators (`admin`).
 */
export type Access = 'public' | 'guest' | 'user' | 'admin';

export function allows(access: Access, role: string | undefined, signedIn: boolean): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'guest':
      return !signedIn;
    case 'user':
      return signedIn;
    case 'admin':
      return signedIn && role === 'admin';
  }
}
