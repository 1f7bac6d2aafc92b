import type { Metadata } from 'next';
import LoginPage from '../../../../universal-auth/components/pages/LoginPage';

export const metadata: Metadata = { title: 'Sign in' };

export default function Page() {
  return <LoginPage />;
}
