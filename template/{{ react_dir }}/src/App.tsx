import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './Layout';
import { authRoutes, HOME } from './universal-auth';

function NotFound() {
  return (
    <section className="universal-auth">
      <h1 tabIndex={-1}>Page not found</h1>
      <p>There is nothing at this address.</p>
    </section>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<Navigate to={HOME} replace />} />
        {authRoutes()}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
