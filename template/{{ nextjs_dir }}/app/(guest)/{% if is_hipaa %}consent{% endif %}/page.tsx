import type { Metadata } from 'next';
import ConsentPage from '../../../components/pages/ConsentPage';

export const metadata: Metadata = { title: 'Consent' };

export default function Page() {
  return <ConsentPage />;
}
