import type { Metadata } from 'next';
import MfaChallengePage from '../../../../../universal-auth/components/pages/MfaChallengePage';

export const metadata: Metadata = { title: 'Two-factor check' };

export default function Page() {
  return <MfaChallengePage />;
}
