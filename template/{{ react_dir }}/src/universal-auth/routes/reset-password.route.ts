import type { AppRoute } from './route';

export default {
  path: '/reset-password',
  title: 'Choose a new password',
  access: 'public',
  page: () => import('../pages/ResetPasswordPage'),
} satisfies AppRoute;
