import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { Guard, HOME } from './auth/guards';
import { Layout } from './components/Layout';
import type { AppRoute } from './routes/route';

// Every page registers itself in src/routes/<name>.route.ts; a higher security mode adds files.
const modules = import.meta.glob<{ default: AppRoute }>('./routes/*.route.ts', { eager: true });
export const appRoutes: AppRoute[] = Object.values(modules).map((module) => module.default);

const pages = appRoutes.map((route) => ({ route, Page: lazy(route.page) }));

function NotFound() {
  return (
    <section>
      <h1 tabIndex={-1}>Page not found</h1>
      <p>There is nothing at this address.</p>
    </section>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout routes={appRoutes} />}>
        <Route index element={<Navigate to={HOME} replace />} />
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
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
