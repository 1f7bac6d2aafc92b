import type { Metadata } from 'next';
import ConsentPage from '../../../../universal-auth/components/pages/ConsentPage';

export const metadata: Metadata = { title: 'Consent' };

export default function Page() {
  return <ConsentPage />;
}
