/// <reference types="vite/client" />
// What the app imports from the auth: its routes, the guard for every route and its pinia store.
export { allows, type Access } from './access';
export { HOME, installAuthGuard, SIGN_IN } from './guard';
export { authPages, authRoutes } from './routes';
export type { AppRoute } from './routes/route';
export { useAuthStore, type AuthStatus } from './stores/auth';
