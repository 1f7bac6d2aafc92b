import { ApiError, discard, isCsrfFailure, problemFrom, retryAfterSeconds } from './problem';
import { createRefreshCoordinator, type CoordinatorOptions } from './refresh-coordinator';

export type Send = (input: string, init: RequestInit) => Promise<Response>;

/** How requests prove who sends them: CSRF header with cookies, or a bearer token. */
export interface Credentials {
  /** Shared by every tab (cookies), so refreshes are coordinated across tabs. */
  readonly sharedAcrossTabs: boolean;
  /** Whether a session may exist at all, so that asking the server is worth it. */
  mayHaveSession(): boolean;
  authorize(headers: Headers, method: string, send: Send): Promise<void>;
  /** Spends the refresh token; true when new tokens are in place. */
  refresh(send: Send): Promise<boolean>;
  /** Takes a fresh session from a login, MFA or refresh answer. */
  accept(body: unknown): void;
  /** What logout sends in its body. */
  logoutBody(): unknown;
  /** Forgets the session (logout, revocation, expiry). */
  clear(): void;
  /** Drops a cached CSRF token after the server refused it; true when a retry makes sense. */
  renewCsrf(): boolean;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Public endpoints (login, register...) answer 401 for bad input, not for an expired token. */
  refreshOnExpiry?: boolean;
  signal?: AbortSignal;
}

export interface ApiClientOptions extends Pick<CoordinatorOptions, 'locks' | 'channel'> {
  credentials: Credentials;
  baseUrl?: string;
  send?: Send;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  credentials: Credentials;
  /** Called when the session is gone for good (the refresh failed). */
  onSessionEnded(listener: () => void): () => void;
}

export function createApiClient({
  credentials,
  baseUrl = '',
  send = (input, init) => fetch(input, init),
  locks,
  channel,
}: ApiClientOptions): ApiClient {
  const url = (path: string) => baseUrl + path;
  const sendTo: Send = (path, init) => send(url(path), { credentials: 'same-origin', ...init });
  const shared = credentials.sharedAcrossTabs;
  const listeners = new Set<() => void>();

  async function refreshOrEnd(): Promise<boolean> {
    const ok = await credentials.refresh(sendTo).catch(() => false);
    if (!ok) {
      credentials.clear();
      listeners.forEach((listener) => listener());
    }
    return ok;
  }

  const coordinator = createRefreshCoordinator(refreshOrEnd, {
    locks: shared ? locks : null,
    channel: shared ? channel : null,
  });

  async function attempt(path: string, options: RequestOptions): Promise<Response> {
    const method = options.method ?? 'GET';
    const headers = new Headers({ Accept: 'application/json' });
    if (options.body !== undefined) headers.set('Content-Type', 'application/json');
    await credentials.authorize(headers, method, sendTo);
    return sendTo(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  }

  async function attemptWithCsrf(path: string, options: RequestOptions): Promise<Response> {
    const response = await attempt(path, options);
    if ((await isCsrfFailure(response)) && credentials.renewCsrf()) {
      await discard(response);
      return attempt(path, options);
    }
    return response;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const seen = coordinator.generation();
    let response = await attemptWithCsrf(path, options);
    if (
      response.status === 401 &&
      options.refreshOnExpiry !== false &&
      credentials.mayHaveSession()
    ) {
      if (await coordinator.refresh(seen)) {
        await discard(response);
        response = await attemptWithCsrf(path, options);
      }
    }
    if (!response.ok) throw new ApiError(await problemFrom(response), retryAfterSeconds(response));
    if (response.status === 204 || response.headers.get('Content-Length') === '0') {
      return undefined as T;
    }
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  return {
    request,
    credentials,
    onSessionEnded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
