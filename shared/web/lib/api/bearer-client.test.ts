import { describe, expect, it, vi } from 'vitest';
import { delay, fakeApi, json, problem } from '../../test/fake-api';
import { createBearerCredentials } from './bearer-credentials';
import { createApiClient } from './client';

const user = {
  id: '1',
  email: 'ada@example.com',
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
};

function backendWithRotation() {
  let generation = 1;
  return fakeApi({
    'POST /auth/login': () =>
      json({ accessToken: 'access-1', refreshToken: 'refresh-1', expiresIn: 900, user }),
    'POST /auth/refresh': async (request) => {
      await delay(10);
      const body = request.body as { refreshToken?: string };
      if (body.refreshToken !== `refresh-${generation}`) return problem(401, 'token_invalid');
      generation += 1;
      return json({
        accessToken: `access-${generation}`,
        refreshToken: `refresh-${generation}`,
        expiresIn: 900,
        user,
      });
    },
    'GET /auth/me': (request) =>
      request.headers.get('Authorization') === `Bearer access-${generation}` && generation > 1
        ? json(user)
        : problem(401, 'token_expired'),
  });
}

describe('API client with bearer transport', () => {
  it('keeps tokens in memory only and answers N parallel 401s with one refresh', async () => {
    const backend = backendWithRotation();
    const credentials = createBearerCredentials();
    const api = createApiClient({ credentials, send: backend.send });
    credentials.accept(
      await api.request('/auth/login', { method: 'POST', body: {}, refreshOnExpiry: false }),
    );
    const answers = await Promise.all(Array.from({ length: 5 }, () => api.request('/auth/me')));
    expect(answers).toEqual(Array(5).fill(user));
    expect(backend.count('POST /auth/refresh')).toBe(1);
    expect(localStorage.length).toBe(0);
    expect(sessionStorage.length).toBe(0);
    expect(document.cookie).toBe('');
  });

  it('does not ask the server without a session, and forgets the tokens on failure', async () => {
    const backend = backendWithRotation();
    const credentials = createBearerCredentials();
    const api = createApiClient({ credentials, send: backend.send });
    expect(credentials.mayHaveSession()).toBe(false);
    credentials.accept({ accessToken: 'old', refreshToken: 'stale', expiresIn: 900, user });
    const ended = vi.fn();
    api.onSessionEnded(ended);
    await expect(api.request('/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(ended).toHaveBeenCalledTimes(1);
    expect(credentials.mayHaveSession()).toBe(false);
    expect(credentials.logoutBody()).toBeUndefined();
  });
});
