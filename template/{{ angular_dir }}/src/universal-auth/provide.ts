import { Location } from '@angular/common';
import {
  effect,
  type EnvironmentProviders,
  inject,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
} from '@angular/core';
import { type ActivatedRouteSnapshot, Router } from '@angular/router';
import { accessOf, destination, type PageState } from './auth.guard';
import { AuthStore } from './auth.store';

function deepest(route: ActivatedRouteSnapshot): ActivatedRouteSnapshot {
  return route.firstChild ? deepest(route.firstChild) : route;
}

/** A session that ends while a private page is open (sign-out, expiry, revocation) leaves it. */
function leaveWhenSignedOut(): void {
  const auth = inject(AuthStore);
  const router = inject(Router);
  const location = inject(Location);
  effect(() => {
    if (auth.status() !== 'signed-out') return;
    const snapshot = router.routerState.snapshot;
    const access = accessOf(deepest(snapshot.root));
    if (access === 'guest' || access === 'public') return;
    const state = (location.getState() ?? {}) as PageState;
    const target = destination(router, auth, access, snapshot.url, state);
    if (target !== true)
      void router.navigateByUrl(target.redirectTo, target.navigationBehaviorOptions);
  });
}

/**
 * The auth's providers, added once to the application's: `providers: [provideUniversalAuth()]`.
 * The session is asked for at start-up, so the first guarded page opens without a wait.
 */
export function provideUniversalAuth(): EnvironmentProviders {
  return makeEnvironmentProviders([AuthStore, provideEnvironmentInitializer(leaveWhenSignedOut)]);
}
