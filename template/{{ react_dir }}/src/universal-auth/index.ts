/// <reference types="vite/client" />
// What the app imports from the auth: its provider, its routes and the guard for its own pages.
export { AuthProvider } from './auth/AuthProvider';
export { allows, useAuth, type Access, type AuthState } from './auth/context';
export { Guard, HOME, SIGN_IN } from './auth/guards';
export { authPages, authRoutes } from './AuthRoutes';
export { AuthRouter } from './AuthRouter';
export type { AppRoute } from './routes/route';
