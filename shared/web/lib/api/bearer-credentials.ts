import type { Credentials } from './client';
import { discard } from './problem';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

function isTokenPair(body: unknown): body is TokenPair {
  const value = body as Partial<TokenPair> | null;
  return typeof value?.accessToken === 'string' && typeof value.refreshToken === 'string';
}

/**
 * Bearer transport: both tokens stay in this closure, in memory only. Nothing is written to
 * localStorage, sessionStorage or a cookie, so a reload or a new tab starts signed out.
 */
export function createBearerCredentials(): Credentials {
  let tokens: TokenPair | null = null;

  const credentials: Credentials = {
    sharedAcrossTabs: false,
    mayHaveSession: () => tokens !== null,
    async authorize(headers) {
      if (tokens) headers.set('Authorization', `Bearer ${tokens.accessToken}`);
    },
    async refresh(send) {
      if (!tokens) return false;
      const response = await send('/auth/refresh', {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: tokens.refreshToken }),
      });
      if (!response.ok) {
        await discard(response);
        return false;
      }
      credentials.accept(await response.json());
      return true;
    },
    accept(body) {
      if (isTokenPair(body)) {
        tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken };
      }
    },
    logoutBody: () => (tokens ? { refreshToken: tokens.refreshToken } : undefined),
    clear: () => {
      tokens = null;
    },
    renewCsrf: () => false,
  };
  return credentials;
}
