import type { ReactNode } from 'react';
import { authRoutes } from './AuthRoutes';
import { BrowserRouter, Outlet, Route, Routes } from './router';

/**
 * For an app without a router: the auth's pages at their paths, in a `<main>` landmark of their
 * own (no layout of the app frames them), and the app itself (`children`) at every other path, as
 * it was. Inside `<AuthProvider>`: `<AuthRouter><App /></AuthRouter>`.
 */
export function AuthRouter({ children }: { children: ReactNode }) {
  return (
    <BrowserRouter>
      <Routes>
        <Route
          element={
            <main>
              <Outlet />
            </main>
          }
        >
          {authRoutes()}
        </Route>
        <Route path="*" element={children} />
      </Routes>
    </BrowserRouter>
  );
}
