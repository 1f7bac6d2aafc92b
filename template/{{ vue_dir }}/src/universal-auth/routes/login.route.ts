import type { AppRoute } from './route';
import { paths } from '../lib/paths';

export default {
  path: paths.login,
  title: 'Sign in',
  access: 'guest',
  nav: { label: 'Sign in', order: 1 },
  page: () => import('../pages/LoginPage.vue'),
} satisfies AppRoute;
