import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { AuthScope } from '../../universal-auth/components/AuthScope';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  // Reading the request renders these pages per request, so that Next.js can put the nonce of
  // the proxy's Content-Security-Policy on their scripts.
  await headers();
  return <AuthScope>{children}</AuthScope>;
}
