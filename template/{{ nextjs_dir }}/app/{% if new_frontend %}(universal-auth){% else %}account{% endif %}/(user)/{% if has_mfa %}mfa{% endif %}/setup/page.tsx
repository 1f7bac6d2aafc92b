import type { Metadata } from 'next';
import MfaSetupPage from '../../../../../universal-auth/components/pages/MfaSetupPage';

export const metadata: Metadata = { title: 'Set up two-factor authentication' };

export default function Page() {
  return <MfaSetupPage />;
}
