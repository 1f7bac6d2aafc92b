/** The routes of the auth screens (the `app/(auth)` group, which adds no URL segment). */
export const paths = {
  signIn: '/sign-in',
  register: '/register',
  checkEmail: '/check-email',
  forgotPassword: '/forgot-password',
  mfaChallenge: '/mfa-challenge',
  unlock: '/unlock',
  consent: '/consent',
  account: '/account',
  security: '/account/security',
  sessions: '/account/sessions',
} as const;
