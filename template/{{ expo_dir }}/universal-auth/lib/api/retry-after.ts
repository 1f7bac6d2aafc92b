import type { Send } from './client';

/**
 * Copies the Retry-After header of a 429 or 503 answer into its problem document as `retryAfter`
 * (seconds), so the message shown to the user can say how long to wait.
 */
export function withRetryAfter(send: Send): Send {
  return async (input, init) => {
    const response = await send(input, init);
    const seconds = Number(response.headers.get('Retry-After'));
    if (![429, 503].includes(response.status) || !Number.isFinite(seconds) || seconds <= 0)
      return response;
    const body = await response
      .clone()
      .json()
      .catch(() => ({}));
    const headers = new Headers(response.headers);
    headers.set('Content-Type', 'application/problem+json');
    return new Response(JSON.stringify({ ...body, retryAfter: Math.ceil(seconds) }), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}
