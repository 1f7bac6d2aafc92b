import type { AppRoute } from './route';
import { paths } from '../lib/paths';

export default {
  path: paths.register,
  title: 'Create an account',
  access: 'guest',
  nav: { label: 'Create account', order: 2 },
  page: () => import('../pages/RegisterPage.vue'),
} satisfies AppRoute;
