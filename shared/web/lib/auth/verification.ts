import { api } from '../api';

export function verifyEmail(token: string): Promise<void> {
  return api.request('/auth/verify-email', {
    method: 'POST',
    body: { token },
    refreshOnExpiry: false,
  });
}

/** Sends a new link when the address has an unverified account; answers alike otherwise. */
export function resendVerification(email: string): Promise<void> {
  return api.request('/auth/verify-email/resend', {
    method: 'POST',
    body: { email },
    refreshOnExpiry: false,
  });
}
