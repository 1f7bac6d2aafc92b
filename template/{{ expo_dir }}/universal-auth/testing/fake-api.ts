/**
 * An in-memory stand-in for the HTTP API in the screen and unit tests: `global.fetch` answers
 * each route `"METHOD /path"` from its handler and records every request. The real API is
 * exercised by the live suite (*.live.test.ts) against a running backend.
 */
export interface FakeRequest {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

export type Handler = (request: FakeRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

export function problem(status: number, code: string, extra: object = {}, headers = {}): Response {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: code, status, detail: code, code, ...extra }),
    { status, headers: { 'Content-Type': 'application/problem+json', ...headers } },
  );
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function fakeApi(routes: Record<string, Handler>) {
  const requests: FakeRequest[] = [];
  const fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init = {}) => {
    const url = new URL(String(input));
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      path: url.pathname,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const handler = routes[`${request.method} ${url.pathname}`];
    return handler ? handler(request) : problem(404, 'not_found');
  });
  const count = (route: string) =>
    requests.filter((request) => `${request.method} ${request.path}` === route).length;
  return { requests, count, restore: () => fetchSpy.mockRestore() };
}

export const user = {
  id: '1',
  email: 'ada@example.com',
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
};

export function grant(accessToken = 'access-1', refreshToken = 'refresh-1') {
  return { accessToken, refreshToken, expiresIn: 900, user };
}
