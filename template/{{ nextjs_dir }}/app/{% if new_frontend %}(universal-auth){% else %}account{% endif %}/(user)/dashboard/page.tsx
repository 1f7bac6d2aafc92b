import type { Metadata } from 'next';
import DashboardPage from '../../../../universal-auth/components/pages/DashboardPage';

export const metadata: Metadata = { title: 'Your account' };

export default function Page() {
  return <DashboardPage />;
}
