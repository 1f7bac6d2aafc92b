import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from '../lib/api';
import type { User } from '../lib/api-types';
import { currentUser, logout } from '../lib/auth/account';
import { AuthContext, type AuthState, type AuthStatus } from './context';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [signedOutByUser, setSignedOutByUser] = useState(false);

  const apply = useCallback((next: User | null) => {
    setUser(next);
    setStatus(next ? 'signed-in' : 'signed-out');
    setSignedOutByUser(false);
  }, []);

  const reload = useCallback(async () => {
    apply(await currentUser().catch(() => null));
  }, [apply]);

  useEffect(() => {
    currentUser()
      .catch(() => null)
      .then(apply);
    return api.onSessionEnded(() => apply(null));
  }, [apply]);

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      apply(null);
      setSignedOutByUser(true);
    }
  }, [apply]);

  const value = useMemo<AuthState>(
    () => ({ status, user, signedOutByUser, signedIn: apply, reload, signOut }),
    [status, user, signedOutByUser, apply, reload, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
