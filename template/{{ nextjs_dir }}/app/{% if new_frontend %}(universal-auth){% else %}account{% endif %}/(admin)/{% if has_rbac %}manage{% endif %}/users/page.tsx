import type { Metadata } from 'next';
import AdminUsersPage from '../../../../../universal-auth/components/pages/AdminUsersPage';

export const metadata: Metadata = { title: 'Users' };

export default function Page() {
  return <AdminUsersPage />;
}
