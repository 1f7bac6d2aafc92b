import * as SecureStore from 'expo-secure-store';
import type { Credentials } from './client';
import { discard } from './problem';

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

const ACCESS_STORAGE_KEY = 'auth.accessToken';
const REFRESH_STORAGE_KEY = 'auth.refreshToken';

function isTokenPair(body: unknown): body is TokenPair {
  const value = body as Partial<TokenPair> | null;
  return typeof value?.accessToken === 'string' && typeof value.refreshToken === 'string';
}

export interface SecureStoreCredentials extends Credentials {
  /** Reads the tokens a previous launch kept; true when there are some. */
  restore(): Promise<boolean>;
  /** Resolves once every write to the secure store asked for so far has finished. */
  saved(): Promise<void>;
}

/**
 * Bearer transport for the app: the tokens live in memory while it runs and in
 * expo-secure-store (Keychain on iOS, Keystore-encrypted preferences on Android) between
 * launches, never in AsyncStorage. Writes are queued so the store always ends with the last pair.
 */
export function createSecureStoreCredentials(): SecureStoreCredentials {
  let tokens: TokenPair | null = null;
  let writes: Promise<void> = Promise.resolve();

  function persist(next: TokenPair | null) {
    writes = writes
      .then(async () => {
        if (next) {
          await SecureStore.setItemAsync(ACCESS_STORAGE_KEY, next.accessToken);
          await SecureStore.setItemAsync(REFRESH_STORAGE_KEY, next.refreshToken);
        } else {
          await SecureStore.deleteItemAsync(ACCESS_STORAGE_KEY);
          await SecureStore.deleteItemAsync(REFRESH_STORAGE_KEY);
        }
      })
      .catch(() => undefined);
  }

  const credentials: SecureStoreCredentials = {
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
      if (!isTokenPair(body)) return;
      tokens = { accessToken: body.accessToken, refreshToken: body.refreshToken };
      persist(tokens);
    },
    logoutBody: () => (tokens ? { refreshToken: tokens.refreshToken } : undefined),
    clear() {
      tokens = null;
      persist(null);
    },
    renewCsrf: () => false,
    async restore() {
      await writes;
      const [accessToken, refreshToken] = await Promise.all([
        SecureStore.getItemAsync(ACCESS_STORAGE_KEY),
        SecureStore.getItemAsync(REFRESH_STORAGE_KEY),
      ]);
      tokens = accessToken && refreshToken ? { accessToken, refreshToken } : null;
      return tokens !== null;
    },
    saved: () => writes,
  };
  return credentials;
}
