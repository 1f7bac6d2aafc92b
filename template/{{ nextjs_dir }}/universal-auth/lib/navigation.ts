import { useSearchParams } from 'next/navigation';
import { paths } from './paths';

export const HOME = paths.dashboard;
export const SIGN_IN = paths.login;

/** A same-site path to return to, or the home page for anything else. */
export function safeReturnPath(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : HOME;
}

/** Where the user goes after signing in: the page that sent them to sign in (`?next=`). */
export function useReturnPath(): string {
  return safeReturnPath(useSearchParams().get('next'));
}

export function withReturnPath(path: string, returnPath: string): string {
  return returnPath === HOME ? path : `${path}?next=${encodeURIComponent(returnPath)}`;
}

interface PendingSignIn {
  mfaToken?: string;
  consentToken?: string;
}

let pending: PendingSignIn = {};

/** The short-lived tokens of a sign-in in progress (MFA, consent): in memory only, never stored. */
export const pendingSignIn = {
  get: (): PendingSignIn => pending,
  set(next: PendingSignIn): void {
    pending = next;
  },
  clear(): void {
    pending = {};
  },
};
