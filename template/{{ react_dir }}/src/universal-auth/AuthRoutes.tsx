import { lazy, Suspense } from 'react';
import { Guard } from './auth/guards';
import { Outlet, Route } from './router';
import type { AppRoute } from './routes/route';
import './styles.css';

// Every page registers itself in routes/<name>.route.ts; a higher security mode adds files.
const modules = import.meta.glob<{ default: AppRoute }>('./routes/*.route.ts', { eager: true });
export const authPages: AppRoute[] = Object.values(modules).map((module) => module.default);

const pages = authPages.map((route) => ({ route, Page: lazy(route.page) }));

/** The one element the auth's styles apply inside: the host's CSS and ours stay apart. */
function AuthScope() {
  return (
    <div className="universal-auth">
      <Suspense fallback={<p role="status">Loading…</p>}>
        <Outlet />
      </Suspense>
    </div>
  );
}

/**
 * The auth's pages as one layout `<Route>`, to put among the app's own:
 * `<Routes>{authRoutes()}<Route path="/" element={<Home />} /></Routes>`, or through
 * `createRoutesFromElements(authRoutes())` for a data router.
 */
export function authRoutes() {
  return (
    <Route element={<AuthScope />}>
      {pages.map(({ route, Page }) => (
        <Route
          key={route.path}
          path={route.path}
          element={
            <Guard access={route.access} title={route.title}>
              <Page />
            </Guard>
          }
        />
      ))}
    </Route>
  );
}
