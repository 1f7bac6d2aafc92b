import type { AppRoute } from './route';

export default {
  path: '/forgot-password',
  title: 'Reset your password',
  access: 'guest',
  page: () => import('../pages/ForgotPasswordPage'),
} satisfies AppRoute;
