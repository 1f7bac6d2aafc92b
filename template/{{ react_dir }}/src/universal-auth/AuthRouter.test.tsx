import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from './auth/AuthProvider';
import { AuthRouter } from './AuthRouter';
import { paths } from './lib/paths';
import { fakeApi, json, problem } from './test/fake-api';

function HostApp() {
  return <h1>The host's own page</h1>;
}

function open(path: string) {
  window.history.pushState({}, '', path);
  const backend = fakeApi({
    'GET /auth/csrf': () => json({ csrfToken: 'csrf-token' }),
    'GET /auth/me': () => problem(401, 'token_invalid'),
    'POST /auth/refresh': () => problem(401, 'token_invalid'),
  });
  vi.stubGlobal('fetch', backend.send);
  render(
    <AuthProvider>
      <AuthRouter>
        <HostApp />
      </AuthRouter>
    </AuthProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  window.history.pushState({}, '', '/');
});

describe('the router of its own, for an app without one', () => {
  it('serves the auth pages at their paths', async () => {
    open(paths.login);
    const heading = await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByRole('main')).toContainElement(heading);
    expect(screen.queryByText("The host's own page")).not.toBeInTheDocument();
  });

  it('leaves every other path to the app', async () => {
    open('/pricing');
    expect(await screen.findByRole('heading', { name: "The host's own page" })).toBeInTheDocument();
  });
});
