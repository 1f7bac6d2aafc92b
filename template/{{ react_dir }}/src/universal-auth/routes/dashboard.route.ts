import type { AppRoute } from './route';

export default {
  path: '/dashboard',
  title: 'Your account',
  access: 'user',
  nav: { label: 'Account', order: 10 },
  page: () => import('../pages/DashboardPage'),
} satisfies AppRoute;
