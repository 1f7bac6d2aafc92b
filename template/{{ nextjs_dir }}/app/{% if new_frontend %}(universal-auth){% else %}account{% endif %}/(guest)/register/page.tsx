import type { Metadata } from 'next';
import RegisterPage from '../../../../universal-auth/components/pages/RegisterPage';

export const metadata: Metadata = { title: 'Create an account' };

export default function Page() {
  return <RegisterPage />;
}
