import type { Metadata } from 'next';
import ForgotPasswordPage from '../../../../universal-auth/components/pages/ForgotPasswordPage';

export const metadata: Metadata = { title: 'Reset your password' };

export default function Page() {
  return <ForgotPasswordPage />;
}
