import { api } from '../api';
import type { MfaSetup, RecoveryCodes, SessionGrant } from '../api-types';
import { acceptGrant } from './account';

/** A session older than five minutes must confirm the password for these calls. */
function reauth(password?: string): { password: string } | Record<string, never> {
  return password ? { password } : {};
}

export function startMfaSetup(password?: string): Promise<MfaSetup> {
  return api.request('/auth/mfa/setup', { method: 'POST', body: reauth(password) });
}

export function enableMfa(code: string): Promise<void> {
  return api.request('/auth/mfa/enable', { method: 'POST', body: { code } });
}

/** Completes a login with a TOTP code or a recovery code. */
export async function verifyMfa(mfaToken: string, code: string): Promise<SessionGrant> {
  const grant = await api.request<SessionGrant>('/auth/mfa/verify', {
    method: 'POST',
    body: { mfaToken, code },
    refreshOnExpiry: false,
  });
  return acceptGrant(grant);
}

export function disableMfa(code: string, password?: string): Promise<void> {
  return api.request('/auth/mfa/disable', {
    method: 'POST',
    body: { code, ...reauth(password) },
  });
}

export function regenerateRecoveryCodes(password?: string): Promise<RecoveryCodes> {
  return api.request('/auth/mfa/recovery-codes', { method: 'POST', body: reauth(password) });
}
