import type { User } from "./users.js";

/** A live session as authentication needs it: who, since when, and the user's row. */
export interface LiveSession {
  userId: string;
  authenticatedAt: string;
  user: User;
}

/**
 * The in-process answer to "is this session alive, and who is its user", reused for half a
 * second so that a revocation on any instance takes effect everywhere within a second; the
 * database is the truth. Writes in this process forget what they change (`forget`,
 * `forgetUser`), so the next request here sees them at once.
 */
export class SessionCache {
  private readonly entries = new Map<string, { until: number; value: LiveSession }>();

  constructor(private readonly ttlMs = 500) {}

  get(sessionId: string): LiveSession | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.value;
  }

  set(sessionId: string, value: LiveSession): void {
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(sessionId, { until: Date.now() + this.ttlMs, value });
  }

  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  /** After a change to the user's row or to all of their sessions. */
  forgetUser(userId: string): void {
    for (const [sessionId, entry] of this.entries) {
      if (entry.value.userId === userId) this.entries.delete(sessionId);
    }
  }
}
