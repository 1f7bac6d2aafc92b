import { vi } from 'vitest';

/**
 * A stand-in for next/navigation in component tests (there is no Next.js router in jsdom):
 * records where a page sends the user and serves the search parameters the test sets.
 */
export const router = {
  push: vi.fn(),
  replace: vi.fn(),
  back: vi.fn(),
  forward: vi.fn(),
  refresh: vi.fn(),
  prefetch: vi.fn(),
};

let pathname = '/';
let searchParams = new URLSearchParams();

export function setLocation(path: string): void {
  const url = new URL(path, 'http://app.test');
  pathname = url.pathname;
  searchParams = url.searchParams;
  for (const method of Object.values(router)) method.mockClear();
}

export const navigation = {
  useRouter: () => router,
  usePathname: () => pathname,
  useSearchParams: () => searchParams,
};
