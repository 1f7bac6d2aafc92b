import type { AppRoute } from './route';
import { paths } from '../lib/paths';

export default {
  path: paths.dashboard,
  title: 'Your account',
  access: 'user',
  nav: { label: 'Account', order: 10 },
  page: () => import('../pages/DashboardPage.vue'),
} satisfies AppRoute;
