import { Redirect } from 'expo-router';
import type { ReactNode } from 'react';
import { ActivityIndicator } from 'react-native';
import { paths } from '../paths';
import { useAuth } from './context';

/** Shows its screen to a signed-in user; sends others to unlock or sign in. */
export function SignedInOnly({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  if (status === 'loading') return <ActivityIndicator accessibilityLabel="Loading" />;
  if (status === 'locked') return <Redirect href={paths.unlock} />;
  if (status === 'signed-out') return <Redirect href={paths.signIn} />;
  return children;
}

/** Shows its screen to a signed-out visitor; sends a signed-in user to the account. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  if (status === 'loading') return <ActivityIndicator accessibilityLabel="Loading" />;
  if (status === 'signed-in') return <Redirect href={paths.account} />;
  return children;
}
