import { ApiError } from './api';
import { describeError } from './errors';

const CODES = [
  'validation_error',
  'invalid_credentials',
  'rate_limited',
  'token_invalid',
  'token_expired',
  'session_revoked',
  'mfa_required',
  'mfa_invalid',
  'email_unverified',
  'consent_required',
  'forbidden',
  'not_found',
  'csrf_failed',
  'weak_password',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
  'internal_error',
  'service_unavailable',
];

function apiError(code: string, status = 400, extra: object = {}) {
  return new ApiError({ type: 'about:blank', title: code, status, code, detail: code, ...extra });
}

test.each(CODES)('%s reads as a sentence, not as its code', (code) => {
  const message = describeError(apiError(code));
  expect(message).not.toContain(code);
  expect(message).toMatch(/^[A-Z].*[.)]$/);
});

test('a 429 says how long to wait', () => {
  expect(describeError(apiError('rate_limited', 429, { retryAfter: 1 }))).toBe(
    'Too many attempts. Try again in 1 second.',
  );
  expect(describeError(apiError('rate_limited', 429, { retryAfter: 840 }))).toBe(
    'Too many attempts. Try again in 14 minutes.',
  );
});

test('an unreachable server and other failures read plainly', () => {
  expect(describeError(new TypeError('Network request failed'))).toMatch(/could not be reached/);
  expect(describeError('boom')).toBe('Something went wrong. Please try again.');
});
