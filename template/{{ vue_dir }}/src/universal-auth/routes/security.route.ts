import type { AppRoute } from './route';
import { paths } from '../lib/paths';

export default {
  path: paths.security,
  title: 'Security settings',
  access: 'user',
  nav: { label: 'Security', order: 20 },
  page: () => import('../pages/SecurityPage.vue'),
} satisfies AppRoute;
