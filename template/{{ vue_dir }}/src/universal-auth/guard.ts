import { watch } from 'vue';
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router';
import { allows } from './access';
import { paths } from './lib/paths';
import { useAuthStore } from './stores/auth';

export const HOME = paths.dashboard;
export const SIGN_IN = paths.login;

/** What a page receives from the one that sent it there, kept in the history entry. */
export interface PageState {
  /** Where to go after signing in. */
  from?: string;
  mfaToken?: string;
  consentToken?: string;
}

/** The state of the current history entry (set by `router.push({ path, state })`). */
export function pageState(router: Router): PageState {
  return (router.options.history.state ?? {}) as PageState;
}

/** Where the user goes after signing in: back to the page that sent them to login. */
export function returnPath(router: Router): string {
  const from = pageState(router).from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : HOME;
}

type AuthStore = ReturnType<typeof useAuthStore>;

function destination(
  router: Router,
  auth: AuthStore,
  to: RouteLocationNormalized,
): true | RouteLocationRaw {
  const access = to.meta.access ?? 'public';
  // An admin page opened by another user says "Not allowed" in place (AuthScope).
  if (access === 'admin' && auth.isSignedIn) return true;
  if (allows(access, auth.user?.role, auth.isSignedIn)) return true;
  if (access === 'guest') return { path: returnPath(router), replace: true };
  // After an explicit sign-out the next sign-in starts afresh, not on the page left behind.
  const from = auth.signedOutByUser ? undefined : to.fullPath;
  return { path: SIGN_IN, replace: true, state: { from } };
}

/** A session that ends while a private page is open (sign-out, expiry, revocation) leaves it. */
function leaveWhenSignedOut(router: Router, auth: AuthStore): void {
  watch(
    () => auth.status,
    (status) => {
      const current = router.currentRoute.value;
      if (status !== 'signed-out' || current.meta.access === 'guest') return;
      const target = destination(router, auth, current);
      if (target !== true) void router.replace(target);
    },
  );
}

/**
 * Sends each visitor where they belong before a page opens: signed-out visitors of private pages
 * to sign in (and back afterwards), signed-in ones away from the guest pages. Host routes get the
 * same with `meta: { access }`; a route without it is left alone. Install pinia before the router.
 */
export function installAuthGuard(router: Router): void {
  let watching = false;
  router.beforeEach(async (to) => {
    if ((to.meta.access ?? 'public') === 'public') return true;
    const auth = useAuthStore();
    if (!watching) {
      watching = true;
      leaveWhenSignedOut(router, auth);
    }
    await auth.ready();
    return destination(router, auth, to);
  });
  router.afterEach((to) => {
    if (to.meta.title) document.title = to.meta.title;
  });
}
