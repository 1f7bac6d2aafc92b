/**
 * The in-process answer to "is this session alive", reused for half a second so that a
 * revocation on any instance takes effect everywhere within a second; the database is the truth.
 */
export class SessionCache<T extends { userId: string } = { userId: string }> {
  private readonly entries = new Map<string, { until: number; value: T }>();

  constructor(private readonly ttlMs = 500) {}

  get(sessionId: string): T | undefined {
    const entry = this.entries.get(sessionId);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(sessionId);
      return undefined;
    }
    return entry.value;
  }

  set(sessionId: string, value: T): void {
    if (this.entries.size >= 10_000) this.entries.clear();
    this.entries.set(sessionId, { until: Date.now() + this.ttlMs, value });
  }

  forget(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  forgetUser(userId: string): void {
    for (const [sessionId, entry] of this.entries) {
      if (entry.value.userId === userId) this.entries.delete(sessionId);
    }
  }
}
