import type { AppRoute } from './route';
import { paths } from '../lib/paths';

export default {
  path: paths.forgotPassword,
  title: 'Reset your password',
  access: 'guest',
  page: () => import('../pages/ForgotPasswordPage.vue'),
} satisfies AppRoute;
