import { vi } from 'vitest';

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

export function problem(status: number, code: string, detail = code, extra: object = {}): Response {
  return new Response(
    JSON.stringify({ type: 'about:blank', title: code, status, detail, code, ...extra }),
    {
      status,
      headers: { 'Content-Type': 'application/problem+json' },
    },
  );
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An in-memory stand-in for the HTTP API in unit tests of the wrapper and the forms: each
 * route is `"METHOD /path"`; every request is recorded. The real API is exercised by the
 * template's browser journeys (tests/e2e).
 */
export function fakeApi(routes: Record<string, Handler>) {
  const requests: FakeRequest[] = [];
  const send = vi.fn(async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://app.test');
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      path: url.pathname + url.search,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const handler = routes[`${request.method} ${url.pathname}`];
    return handler ? handler(request) : problem(404, 'not_found');
  });
  const count = (route: string) =>
    requests.filter((request) => `${request.method} ${request.path.split('?')[0]}` === route)
      .length;
  return { send, requests, count };
}
