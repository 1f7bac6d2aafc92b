export function nowIso(): string {
  return new Date().toISOString();
}

export function isoAfter(seconds: number, from = Date.now()): string {
  return new Date(from + seconds * 1000).toISOString();
}

export function secondsSince(iso: string): number {
  return (Date.now() - Date.parse(iso)) / 1000;
}
