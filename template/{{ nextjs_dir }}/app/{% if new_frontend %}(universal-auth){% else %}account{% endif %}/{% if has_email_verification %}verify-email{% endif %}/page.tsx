import type { Metadata } from 'next';
import { Suspense } from 'react';
import VerifyEmailPage from '../../../universal-auth/components/pages/VerifyEmailPage';

export const metadata: Metadata = { title: 'Verify your email' };

export default function Page() {
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <VerifyEmailPage />
    </Suspense>
  );
}
