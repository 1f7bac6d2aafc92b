import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentType } from 'react';
import { afterEach, vi } from 'vitest';
import { AuthProvider } from '../universal-auth/auth/AuthProvider';
import { api } from '../universal-auth/lib/api';
import type { User } from '../universal-auth/lib/api-types';
import { pendingSignIn } from '../universal-auth/lib/navigation';
import { fakeApi, json, problem, type Handler } from '../universal-auth/test/fake-api';
import { setLocation } from './navigation';

export const ada: User = {
  id: '7',
  email: 'ada@example.com',
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
  mfaEnabled: false,
  role: 'member',
};

afterEach(() => {
  api.credentials.clear();
  pendingSignIn.clear();
  vi.unstubAllGlobals();
});

/** Routes of a signed-out visitor, to which a test adds the ones it exercises. */
export function signedOut(routes: Record<string, Handler> = {}) {
  return {
    'GET /auth/csrf': () => json({ csrfToken: 'csrf-token' }),
    'GET /auth/me': () => problem(401, 'token_invalid'),
    'POST /auth/refresh': () => problem(401, 'token_invalid'),
    ...routes,
  };
}

/** Routes of a signed-in user; the session is primed as a login would (tokens in memory for bearer). */
export function signedIn(user: User, routes: Record<string, Handler> = {}) {
  api.credentials.accept({ accessToken: 'access', refreshToken: 'refresh', expiresIn: 900, user });
  return signedOut({ 'GET /auth/me': () => json(user), ...routes });
}

/** Renders one page component at `path` inside the auth provider, against an in-memory API. */
export function renderPage(Page: ComponentType, path: string, routes: Record<string, Handler>) {
  const backend = fakeApi(routes);
  vi.stubGlobal('fetch', backend.send);
  setLocation(path);
  const user = userEvent.setup();
  render(
    <AuthProvider>
      <main>
        <Page />
      </main>
    </AuthProvider>,
  );
  return { backend, user };
}
