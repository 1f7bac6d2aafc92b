import type { Routes } from '@angular/router';
import { AuthScope } from './auth-scope';
import { authGuard } from './auth.guard';
import { AUTH_BASE } from './lib/paths';
import { authPages } from './pages';

/**
 * The auth's pages as child routes of `authRoute` (paths relative to AUTH_BASE), each inside the
 * one element the auth's styles apply to, behind the guard, loading its component on first visit.
 */
const authRoutes: Routes = [
  {
    path: '',
    component: AuthScope,
    children: authPages.map((page) => ({
      path: page.path.slice(AUTH_BASE.length + 1),
      title: page.title,
      data: { access: page.access },
      canActivate: [authGuard],
      loadComponent: page.load,
    })),
  },
];

export default authRoutes;
