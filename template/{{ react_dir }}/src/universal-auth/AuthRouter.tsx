import type { ReactNode } from 'react';
import { authRoutes } from './AuthRoutes';
import { BrowserRouter, Route, Routes } from './router';

/**
 * For an app without a router: the auth's pages at their paths, and the app itself (`children`)
 * at every other path, as it was. Inside `<AuthProvider>`: `<AuthRouter><App /></AuthRouter>`.
 */
export function AuthRouter({ children }: { children: ReactNode }) {
  return (
    <BrowserRouter>
      <Routes>
        {authRoutes()}
        <Route path="*" element={children} />
      </Routes>
    </BrowserRouter>
  );
}
