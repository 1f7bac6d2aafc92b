import { secureStoreFake } from '../../testing/secure-store-fake';
import { delay, fakeApi, grant, json, problem } from '../../testing/fake-api';
import { resetNativeFakes } from '../../testing/reset';
import { createApiClient } from './client';
import { withRetryAfter } from './retry-after';
import { createSecureStoreCredentials } from './secure-store-credentials';

function client() {
  const credentials = createSecureStoreCredentials();
  const api = createApiClient({
    baseUrl: 'http://api.test',
    credentials,
    send: withRetryAfter((input, init) => fetch(input, init)),
  });
  return { api, credentials };
}

beforeEach(resetNativeFakes);
afterEach(() => jest.restoreAllMocks());

test('keeps the tokens of a grant in the secure store, and clears them', async () => {
  const { credentials } = client();
  credentials.accept(grant('a1', 'r1'));
  await credentials.saved();
  expect(secureStoreFake.contents()).toEqual({
    'auth.accessToken': 'a1',
    'auth.refreshToken': 'r1',
  });
  credentials.clear();
  await credentials.saved();
  expect(secureStoreFake.contents()).toEqual({});
});

test('a new launch restores the kept session', async () => {
  const first = client().credentials;
  first.accept(grant('a1', 'r1'));
  await first.saved();
  const next = client().credentials;
  expect(next.mayHaveSession()).toBe(false);
  expect(await next.restore()).toBe(true);
  expect(next.logoutBody()).toEqual({ refreshToken: 'r1' });
});

test('concurrent requests with an expired token share one refresh, then retry', async () => {
  let refreshed = false;
  const server = fakeApi({
    'POST /auth/refresh': async () => {
      await delay(20);
      refreshed = true;
      return json(grant('a2', 'r2'));
    },
    'GET /auth/me': (request) =>
      request.headers.get('Authorization') === 'Bearer a2'
        ? json({ email: 'ada@example.com' })
        : problem(401, 'token_expired'),
  });
  const { api, credentials } = client();
  credentials.accept(grant('a1', 'r1'));
  const answers = await Promise.all([1, 2, 3].map(() => api.request('/auth/me')));
  expect(answers).toEqual([1, 2, 3].map(() => ({ email: 'ada@example.com' })));
  expect(refreshed).toBe(true);
  expect(server.count('POST /auth/refresh')).toBe(1);
  await credentials.saved();
  expect(secureStoreFake.contents()['auth.refreshToken']).toBe('r2');
});

test('a refused refresh ends the session and empties the store', async () => {
  fakeApi({
    'POST /auth/refresh': () => problem(401, 'token_invalid'),
    'GET /auth/me': () => problem(401, 'token_expired'),
  });
  const { api, credentials } = client();
  const ended = jest.fn();
  api.onSessionEnded(ended);
  credentials.accept(grant());
  await expect(api.request('/auth/me')).rejects.toMatchObject({ status: 401 });
  expect(ended).toHaveBeenCalledTimes(1);
  await credentials.saved();
  expect(secureStoreFake.contents()).toEqual({});
});

test('a 429 carries the wait of its Retry-After header', async () => {
  fakeApi({
    'POST /auth/login': () => problem(429, 'rate_limited', {}, { 'Retry-After': '90' }),
  });
  const { api } = client();
  await expect(
    api.request('/auth/login', { method: 'POST', body: {}, refreshOnExpiry: false }),
  ).rejects.toMatchObject({ status: 429, problem: { retryAfter: 90 } });
});
