import type { NextRequest } from 'next/server';
import { authProxy, securePage } from './universal-auth/proxy';

// Every page of this app is the auth's or shares its headers.
export function proxy(request: NextRequest) {
  return authProxy(request) ?? securePage(request);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
