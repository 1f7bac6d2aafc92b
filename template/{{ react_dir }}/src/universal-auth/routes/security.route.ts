import type { AppRoute } from './route';

export default {
  path: '/security',
  title: 'Security settings',
  access: 'user',
  nav: { label: 'Security', order: 20 },
  page: () => import('../pages/SecurityPage'),
} satisfies AppRoute;
