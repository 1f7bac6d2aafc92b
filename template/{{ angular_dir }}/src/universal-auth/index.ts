// What the app imports from the auth: its providers, its lazy routes and the guard for its own.
import type { Route } from '@angular/router';
import { AUTH_BASE } from './lib/paths';

export { allows, type Access } from './access';
export { authGuard, HOME, SIGN_IN } from './auth.guard';
export { AuthStore, type AuthStatus } from './auth.store';
export { authPages, type AuthPage } from './pages';
export { provideUniversalAuth } from './provide';

/** The auth's pages, loaded on first visit: one line among the app's routes. */
export const authRoute: Route = {
  path: AUTH_BASE.slice(1),
  loadChildren: () => import('./auth.routes'),
};
