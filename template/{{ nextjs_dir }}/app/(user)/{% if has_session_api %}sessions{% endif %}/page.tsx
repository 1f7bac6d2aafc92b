import type { Metadata } from 'next';
import SessionsPage from '../../../components/pages/SessionsPage';

export const metadata: Metadata = { title: 'Active sessions' };

export default function Page() {
  return <SessionsPage />;
}
