import { Location } from '@angular/common';
import { inject } from '@angular/core';
import {
  type ActivatedRouteSnapshot,
  type CanActivateFn,
  RedirectCommand,
  Router,
} from '@angular/router';
import { type Access, allows } from './access';
import { AuthStore } from './auth.store';
import { paths } from './lib/paths';

export const HOME = paths.dashboard;
export const SIGN_IN = paths.login;

/** What a page receives from the one that sent it there (`router.navigate(..., { state })`). */
export interface PageState {
  /** Where to go after signing in. */
  from?: string;
  mfaToken?: string;
  consentToken?: string;
}

/**
 * The state of the navigation under way, or of the history entry it led to (a guard's redirect
 * carries its state there). Call it where `inject` works, as a page's field initialiser does.
 */
export function pageState(): PageState {
  const state = inject(Router).currentNavigation()?.extras.state ?? inject(Location).getState();
  return (state ?? {}) as PageState;
}

/** Where the user goes after signing in: back to the page that sent them to login. */
export function returnPath(state: PageState = pageState()): string {
  const from = state.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : HOME;
}

/** Who may open a route: its own `data.access`, else its parent's, else anyone. */
export function accessOf(route: ActivatedRouteSnapshot): Access {
  for (let current: ActivatedRouteSnapshot | null = route; current; current = current.parent) {
    const access = current.data['access'] as Access | undefined;
    if (access) return access;
  }
  return 'public';
}

/** Where a visitor of a page with this access goes instead, or true to let them in. */
export function destination(
  router: Router,
  auth: AuthStore,
  access: Access,
  url: string,
  state: PageState,
): true | RedirectCommand {
  // An admin page opened by another user says "Not allowed" in place (AuthScope).
  if (access === 'admin' && auth.isSignedIn()) return true;
  if (allows(access, auth.user()?.role, auth.isSignedIn())) return true;
  if (access === 'guest') {
    return new RedirectCommand(router.parseUrl(returnPath(state)), { replaceUrl: true });
  }
  // After an explicit sign-out the next sign-in starts afresh, not on the page left behind.
  const from = auth.signedOutByUser() ? undefined : url;
  return new RedirectCommand(router.parseUrl(SIGN_IN), { replaceUrl: true, state: { from } });
}

/**
 * Sends each visitor where they belong before a page opens: signed-out visitors of private pages
 * to sign in (and back afterwards), signed-in ones away from the guest pages. Host routes get the
 * same with `canActivate: [authGuard], data: { access: 'user' }`.
 */
export const authGuard: CanActivateFn = async (route, state) => {
  const access = accessOf(route);
  if (access === 'public') return true;
  const auth = inject(AuthStore);
  const router = inject(Router);
  const from = pageState();
  await auth.ready();
  return destination(router, auth, access, state.url, from);
};
