import { createContext, useContext } from 'react';
import type { User } from '../lib/api-types';

/** `locked`: a device token is kept, and the biometric check unlocks the account. */
export type AuthStatus = 'loading' | 'locked' | 'signed-in' | 'signed-out';

export interface AuthState {
  status: AuthStatus;
  user: User | null;
  /** Puts the user of a fresh session in place (after sign-in, MFA or unlock). */
  signedIn(user: User): void;
  /** Re-reads the current user (after a change to the account). */
  reload(): Promise<void>;
  /** Leaves the locked screen for the password sign-in. */
  choosePassword(): void;
  signOut(): Promise<void>;
}

export const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}
