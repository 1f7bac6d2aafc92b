import type { Metadata } from 'next';
import SecurityPage from '../../../../universal-auth/components/pages/SecurityPage';

export const metadata: Metadata = { title: 'Security settings' };

export default function Page() {
  return <SecurityPage />;
}
