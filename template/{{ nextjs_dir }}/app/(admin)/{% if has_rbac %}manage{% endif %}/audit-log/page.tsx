import type { Metadata } from 'next';
import AuditLogPage from '../../../../components/pages/AuditLogPage';

export const metadata: Metadata = { title: 'Audit log' };

export default function Page() {
  return <AuditLogPage />;
}
