export { AuthProvider } from './auth/AuthProvider';
export { useAuth, type AuthState, type AuthStatus } from './auth/context';
export { SignedInOnly } from './auth/guards';
export { api } from './lib/api';
export { paths } from './paths';
