/**
 * The English wording of the auth pages. A translation is a copy of this file with the same
 * keys; `{name}` placeholders are filled by `format`.
 */
export const messages = {
  errors: {
    validation_error: 'Some fields need your attention.',
    invalid_credentials: 'The email or password is not right.',
    wrong_password: 'That password is not right.',
    rate_limited: 'Too many attempts. Please wait a few minutes and try again.',
    rate_limited_for: 'Too many attempts. Please try again in {wait}.',
    token_invalid: 'This link or code is no longer valid. Ask for a new one.',
    token_expired: 'This link has expired. Ask for a new one.',
    session_revoked: 'You were signed out. Please sign in again.',
    mfa_required: 'Enter the code from your authenticator app to continue.',
    mfa_invalid: 'That code is not right. Check your authenticator app and try again.',
    email_unverified: 'Verify your email address first: open the link we emailed you.',
    consent_required: 'Please review and accept the terms to continue.',
    forbidden: 'You do not have access to this.',
    not_found: 'That is no longer there. Reload the page to see what is.',
    csrf_failed: 'The page was open too long. Reload it and try again.',
    weak_password: 'Choose a stronger password.',
    conflict: 'That conflicts with what is already saved. Reload the page and try again.',
    payload_too_large: 'That is too large to send.',
    unsupported_media_type: 'The request could not be read. Reload the page and try again.',
    method_not_allowed: 'The request could not be read. Reload the page and try again.',
    internal_error: 'Something went wrong on our side. Please try again.',
    service_unavailable: 'The service is busy right now. Please try again in a moment.',
    network: 'The server could not be reached. Check your connection.',
    unknown: 'Something went wrong. Please try again.',
  },
  fields: {
    required: 'Enter your {label}.',
    mismatch: 'The passwords do not match.',
    show: 'Show password',
    hide: 'Hide password',
    summary: 'Please correct the fields marked below.',
  },
  wait: {
    second: '1 second',
    seconds: '{count} seconds',
    minute: '1 minute',
    minutes: '{count} minutes',
    hour: '1 hour',
    hours: '{count} hours',
  },
  admin: {
    save: 'Save',
    saveRoleOf: 'Save role of {email}',
    confirmRoleTitle: 'Change role?',
    confirmRole: 'Change the role of {email} from {from} to {to}?',
    changeRole: 'Change role',
    roleChanged: '{email} is now {role}.',
  },
  dialog: {
    cancel: 'Cancel',
  },
  notFound: {
    title: 'Page not found',
    body: 'The page you opened does not exist or has moved.',
    home: 'Go to the home page',
  },
  mfa: {
    turnOff: 'Turn off',
    confirmTurnOffTitle: 'Turn off two-factor authentication?',
    confirmTurnOff:
      'Signing in will need only your password again. Your recovery codes stop working.',
    recoveryCodeHint:
      'One of the recovery codes you saved: groups of capital letters and digits joined by dashes. Each works once.',
  },
} as const;

/** `template` with each `{name}` replaced by `values[name]`. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** A wait in seconds as people say it, rounded up to the unit: "45 seconds", "15 minutes". */
export function formatWait(seconds: number): string {
  const { wait } = messages;
  if (seconds < 60) return seconds <= 1 ? wait.second : format(wait.seconds, { count: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return minutes === 1 ? wait.minute : format(wait.minutes, { count: minutes });
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? wait.hour : format(wait.hours, { count: hours });
}
