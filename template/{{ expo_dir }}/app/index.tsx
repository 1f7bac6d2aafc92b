import { Redirect } from 'expo-router';
import { ActivityIndicator } from 'react-native';
import { paths, useAuth } from '../universal-auth';

/** The app opens on the account when signed in, the unlock screen when locked, else sign-in. */
export default function Index() {
  const { status } = useAuth();
  if (status === 'loading') return <ActivityIndicator accessibilityLabel="Loading" />;
  if (status === 'signed-in') return <Redirect href={paths.account} />;
  if (status === 'locked') return <Redirect href={paths.unlock} />;
  return <Redirect href={paths.signIn} />;
}
