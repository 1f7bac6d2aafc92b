import type { AppRoute } from './route';

export default {
  path: '/login',
  title: 'Sign in',
  access: 'guest',
  nav: { label: 'Sign in', order: 1 },
  page: () => import('../pages/LoginPage'),
} satisfies AppRoute;
