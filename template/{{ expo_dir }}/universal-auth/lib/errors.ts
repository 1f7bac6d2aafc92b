import { ApiError } from './api';

/** What the user reads for each error code of the API (docs/api.md). */
const MESSAGES: Record<string, string> = {
  invalid_credentials: 'The email or password is not right.',
  email_unverified: 'Confirm your email address first: open the link we sent you.',
  weak_password:
    'Choose a stronger password: longer, not a common one, and without your email or the app name.',
  validation_error: 'Some fields need another look.',
  conflict: 'An account with this email already exists.',
  mfa_invalid: 'That code is not right. Enter the current 6-digit code or a recovery code.',
  mfa_required: 'Turn on two-step verification to continue.',
  consent_required: 'Please accept the terms to continue.',
  token_invalid: 'This link or sign-in has expired. Please sign in again.',
  token_expired: 'This link or sign-in has expired. Please sign in again.',
  session_revoked: 'This session was ended. Please sign in again.',
  rate_limited: 'Too many attempts. Please wait a moment and try again.',
  forbidden: 'You are not allowed to do that. Confirm your password and try again.',
  not_found: 'That item no longer exists.',
  csrf_failed: 'The request was refused. Please try again.',
  payload_too_large: 'That is too long. Please shorten it.',
  unsupported_media_type: 'The app sent a request the server does not accept. Update the app.',
  method_not_allowed: 'The app sent a request the server does not accept. Update the app.',
  internal_error: 'The server had a problem. Please try again.',
  server_error: 'The server had a problem. Please try again.',
  service_unavailable: 'The service is busy. Please try again in a moment.',
};

function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const message = MESSAGES[error.code] ?? error.message;
    const seconds = Number((error.problem as { retryAfter?: number }).retryAfter);
    if (!(seconds > 0)) return message;
    return error.status === 429
      ? `Too many attempts. Try again in ${waitText(seconds)}.`
      : `${message} (try again in ${waitText(seconds)})`;
  }
  if (error instanceof TypeError) return 'The server could not be reached. Check your connection.';
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}
