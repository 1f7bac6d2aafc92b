import type { AppRoute } from './route';
import { paths } from '../lib/paths';

export default {
  path: paths.resetPassword,
  title: 'Choose a new password',
  access: 'public',
  page: () => import('../pages/ResetPasswordPage.vue'),
} satisfies AppRoute;
