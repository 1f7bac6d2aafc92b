/**
 * Runs work that must not show in a response's timing (mail, the lookups behind answers that
 * are the same for known and unknown emails) shortly after the answer, at a jittered moment,
 * so its cost does not land on one predictable later request either.
 */
export function runSoon(task: () => Promise<void>, what: string): void {
  const delay = 20 + Math.floor(Math.random() * 180);
  setTimeout(() => {
    task().catch((error: unknown) => {
      console.error(`${what} failed:`, error);
    });
  }, delay);
}
