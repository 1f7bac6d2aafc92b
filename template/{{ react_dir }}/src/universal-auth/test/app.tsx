import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from '../router';
import { afterEach, vi } from 'vitest';
import { App } from '../../App';
import { AuthProvider } from '../auth/AuthProvider';
import { api } from '../lib/api';
import type { User } from '../lib/api-types';
import { fakeApi, json, problem, type Handler } from './fake-api';

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

/** Renders the whole app at `path` against an in-memory API. */
export function renderApp(path: string, routes: Record<string, Handler>, state?: unknown) {
  const backend = fakeApi(routes);
  vi.stubGlobal('fetch', backend.send);
  const url = new URL(path, 'http://app.test');
  const user = userEvent.setup();
  render(
    <MemoryRouter initialEntries={[{ pathname: url.pathname, search: url.search, state }]}>
      <AuthProvider>
        <App />
      </AuthProvider>
    </MemoryRouter>,
  );
  return { backend, user };
}
