import type { Metadata } from 'next';
import SessionsPage from '../../../../universal-auth/components/pages/SessionsPage';

export const metadata: Metadata = { title: 'Active sessions' };

export default function Page() {
  return <SessionsPage />;
}
