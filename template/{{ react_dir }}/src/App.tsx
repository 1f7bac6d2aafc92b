import { Link, Navigate, Route, Routes } from 'react-router';
import { Layout } from './Layout';
import { authRoutes, HOME } from './universal-auth';
import { messages } from './universal-auth/lib/messages';

function NotFound() {
  return (
    <section className="universal-auth">
      <h1 tabIndex={-1}>{messages.notFound.title}</h1>
      <p>{messages.notFound.body}</p>
      <p>
        <Link to="/">{messages.notFound.home}</Link>
      </p>
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
