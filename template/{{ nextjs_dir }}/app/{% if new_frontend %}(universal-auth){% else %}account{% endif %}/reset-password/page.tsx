import type { Metadata } from 'next';
import { Suspense } from 'react';
import ResetPasswordPage from '../../../universal-auth/components/pages/ResetPasswordPage';

export const metadata: Metadata = { title: 'Choose a new password' };

export default function Page() {
  return (
    <Suspense fallback={<p role="status">Loading…</p>}>
      <ResetPasswordPage />
    </Suspense>
  );
}
