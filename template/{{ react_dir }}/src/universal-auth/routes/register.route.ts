import type { AppRoute } from './route';

export default {
  path: '/register',
  title: 'Create an account',
  access: 'guest',
  nav: { label: 'Create account', order: 2 },
  page: () => import('../pages/RegisterPage'),
} satisfies AppRoute;
