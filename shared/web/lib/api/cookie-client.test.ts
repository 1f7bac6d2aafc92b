import { describe, expect, it, vi } from 'vitest';
import { delay, fakeApi, json, noContent, problem, type FakeRequest } from '../../test/fake-api';
import { createApiClient } from './client';
import { createCookieCredentials } from './cookie-credentials';
import { ApiError } from './problem';

const user = {
  id: '1',
  email: 'ada@example.com',
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
};

/** A backend whose access cookie has expired until a refresh succeeds. */
function expiredSession({ refreshSucceeds = true } = {}) {
  let expired = true;
  let csrfIssued = 0;
  const api = fakeApi({
    'GET /auth/csrf': () => json({ csrfToken: `csrf-${++csrfIssued}` }),
    'POST /auth/refresh': async (request) => {
      if (!request.headers.get('X-CSRF-Token')) return problem(403, 'csrf_failed');
      await delay(10);
      if (!refreshSucceeds) return problem(401, 'token_invalid');
      expired = false;
      return json({ expiresIn: 900, user });
    },
    'GET /auth/me': () => (expired ? problem(401, 'token_expired') : json(user)),
    'POST /auth/password/change': (request: FakeRequest) =>
      expired
        ? problem(401, 'token_expired')
        : request.headers.get('X-CSRF-Token')
          ? noContent()
          : problem(403, 'csrf_failed'),
  });
  return api;
}

function client(send: ReturnType<typeof fakeApi>['send']) {
  return createApiClient({ credentials: createCookieCredentials(), send });
}

describe('API client with cookie transport', () => {
  it('answers N parallel 401s with exactly one refresh, then retries each request', async () => {
    const backend = expiredSession();
    const api = client(backend.send);
    const answers = await Promise.all(Array.from({ length: 6 }, () => api.request('/auth/me')));
    expect(answers).toEqual(Array(6).fill(user));
    expect(backend.count('POST /auth/refresh')).toBe(1);
    expect(backend.count('GET /auth/me')).toBe(12);
  });

  it('sends the CSRF token on state-changing requests only, and sends cookies', async () => {
    const backend = expiredSession();
    const api = client(backend.send);
    await api.request('/auth/me');
    await api.request('/auth/password/change', {
      method: 'POST',
      body: { currentPassword: 'a', newPassword: 'b' },
    });
    const me = backend.requests.filter((r) => r.path === '/auth/me').at(-1);
    const change = backend.requests.find((r) => r.path === '/auth/password/change');
    expect(me?.headers.has('X-CSRF-Token')).toBe(false);
    expect(change?.headers.get('X-CSRF-Token')).toMatch(/^csrf-/);
    expect(change?.headers.get('Content-Type')).toBe('application/json');
    expect(backend.send.mock.calls.every(([, init]) => init?.credentials === 'same-origin')).toBe(
      true,
    );
  });

  it('fetches a new CSRF token and retries once when the server refuses the old one', async () => {
    let calls = 0;
    const backend = fakeApi({
      'GET /auth/csrf': () => json({ csrfToken: `csrf-${calls}` }),
      'POST /auth/logout': (request) =>
        ++calls === 1
          ? problem(403, 'csrf_failed')
          : request.headers.get('X-CSRF-Token')
            ? noContent()
            : problem(403, 'csrf_failed'),
    });
    const api = client(backend.send);
    await expect(api.request('/auth/logout', { method: 'POST' })).resolves.toBeUndefined();
    expect(backend.count('GET /auth/csrf')).toBe(2);
    expect(backend.count('POST /auth/logout')).toBe(2);
  });

  it('ends the session once when the refresh fails', async () => {
    const backend = expiredSession({ refreshSucceeds: false });
    const api = client(backend.send);
    const ended = vi.fn();
    api.onSessionEnded(ended);
    const results = await Promise.allSettled([api.request('/auth/me'), api.request('/auth/me')]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(ApiError);
      expect(((result as PromiseRejectedResult).reason as ApiError).code).toBe('token_expired');
    }
    expect(backend.count('POST /auth/refresh')).toBe(1);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('does not refresh for public endpoints, whose 401 means bad credentials', async () => {
    const backend = fakeApi({
      'GET /auth/csrf': () => json({ csrfToken: 'csrf' }),
      'POST /auth/login': () => problem(401, 'invalid_credentials', 'Invalid email or password.'),
    });
    const api = client(backend.send);
    const failure = api.request('/auth/login', {
      method: 'POST',
      body: { email: 'a@example.com', password: 'x' },
      refreshOnExpiry: false,
    });
    await expect(failure).rejects.toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(backend.count('POST /auth/refresh')).toBe(0);
  });

  it('turns validation problems into messages per field', async () => {
    const backend = fakeApi({
      'GET /auth/csrf': () => json({ csrfToken: 'csrf' }),
      'POST /auth/register': () =>
        problem(422, 'validation_error', 'Invalid input.', {
          errors: [{ field: 'password', message: 'Too short.' }],
        }),
    });
    const api = client(backend.send);
    const error = await api
      .request('/auth/register', { method: 'POST', body: {}, refreshOnExpiry: false })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors()).toEqual({ password: 'Too short.' });
  });
});
