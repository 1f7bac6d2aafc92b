import type { Credentials, Send } from './client';
import { ApiError, discard, problemFrom } from './problem';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cookie transport: the tokens live in httpOnly cookies that no script can read; the only
 * thing kept here is the CSRF token every state-changing request echoes in X-CSRF-Token.
 */
export function createCookieCredentials(): Credentials {
  let csrfToken: Promise<string> | null = null;

  async function fetchCsrfToken(send: Send): Promise<string> {
    const response = await send('/auth/csrf', { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new ApiError(await problemFrom(response));
    const body = (await response.json()) as { csrfToken: string };
    return body.csrfToken;
  }

  const credentials: Credentials = {
    sharedAcrossTabs: true,
    mayHaveSession: () => true,
    async authorize(headers, method, send) {
      if (SAFE_METHODS.has(method)) return;
      csrfToken ??= fetchCsrfToken(send).catch((error: unknown) => {
        csrfToken = null;
        throw error;
      });
      headers.set('X-CSRF-Token', await csrfToken);
    },
    async refresh(send) {
      const headers = new Headers({ Accept: 'application/json' });
      await credentials.authorize(headers, 'POST', send);
      const response = await send('/auth/refresh', { method: 'POST', headers });
      await discard(response);
      return response.ok;
    },
    // A login may rotate the server's CSRF secret: fetch a fresh token next time.
    accept: () => {
      csrfToken = null;
    },
    logoutBody: () => undefined,
    clear: () => {
      csrfToken = null;
    },
    renewCsrf: () => {
      csrfToken = null;
      return true;
    },
  };
  return credentials;
}
