import type { Metadata } from 'next';
import AuditLogPage from '../../../../../universal-auth/components/pages/AuditLogPage';

export const metadata: Metadata = { title: 'Audit log' };

export default function Page() {
  return <AuditLogPage />;
}
