import type { Problem } from '../api-types';

/** An RFC 9457 problem document from the API, thrown for every non-2xx answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;
  /** Seconds the server asked to wait before trying again (its Retry-After), when it said. */
  readonly retryAfter: number | null;

  constructor(problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title || `Request failed with status ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The message of each invalid field, keyed by field name. */
  fieldErrors(): Record<string, string> {
    return Object.fromEntries((this.problem.errors ?? []).map((e) => [e.field, e.message]));
  }
}

export async function problemFrom(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return {
        type: body.type ?? 'about:blank',
        title: body.title ?? response.statusText,
        status: body.status ?? response.status,
        code: body.code ?? 'unknown',
        ...body,
      } as Problem;
    } catch {
      // An unreadable body falls through to the generic problem below.
    }
  }
  return {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    code: response.status >= 500 ? 'server_error' : 'unknown',
  };
}

/** The Retry-After header in seconds (it may also be an HTTP date), or null without one. */
export function retryAfterSeconds(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim())
    ? Number(header)
    : Math.ceil((Date.parse(header) - Date.now()) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/**
 * Reads and drops the body of an answer that is not used, so the browser can close the
 * request (an unread body stays open until the page goes, and is then reported as aborted).
 */
export async function discard(response: Response): Promise<void> {
  await response.arrayBuffer().catch(() => undefined);
}

/** True when a 403 answer is the CSRF check failing (a stale token), not a refusal. */
export async function isCsrfFailure(response: Response): Promise<boolean> {
  if (response.status !== 403) return false;
  const problem = await problemFrom(response.clone());
  return problem.code === 'csrf_failed';
}
