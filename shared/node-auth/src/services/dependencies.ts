/**
 * What a request needs besides this process: the database, and Redis when it holds the rate-limit
 * counters. When one of them does not answer, the request gets 503 with Retry-After and the
 * process lives on; the next request tries again, so service resumes as soon as it is back.
 */

export type DependencyName = "database" | "redis";

/** Seconds a client should wait before retrying an answer of 503. */
export const RETRY_AFTER_SECONDS = 5;

export class DependencyUnavailable extends Error {
  constructor(
    readonly dependency: DependencyName,
    cause: unknown,
  ) {
    super(`${dependency} unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

const networkErrors = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down, crashed, starting), 53300 (too many connections)
const outageStates = /^(08...|57P0[123]|53300)$/;
const lostConnection = /^Connection terminated|timeout exceeded when trying to connect|is not queryable/;

/** Whether a database error says the server is out of reach, rather than that a query is wrong. */
export function isDatabaseOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && (networkErrors.has(code) || outageStates.test(code))) return true;
  return lostConnection.test(error.message);
}

/** The dependency an error says is out of reach, or null for any other error. */
export function unavailableDependency(error: unknown): DependencyName | null {
  if (error instanceof DependencyUnavailable) return error.dependency;
  return isDatabaseOutage(error) ? "database" : null;
}

export type DependencyChecks = Partial<Record<DependencyName, () => Promise<void>>>;

/** Each dependency's state for GET /health/ready, every check bounded by `timeoutMs`. */
export async function checkDependencies(
  checks: DependencyChecks,
  timeoutMs = 2000,
): Promise<Record<string, "ok" | "unavailable">> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          reject(new Error("timeout"));
        }, timeoutMs);
      });
      try {
        await Promise.race([check(), late]);
        return [name, "ok"] as const;
      } catch {
        return [name, "unavailable"] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return Object.fromEntries(entries);
}
