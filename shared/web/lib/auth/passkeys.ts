import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  startAuthentication,
  startRegistration,
  WebAuthnAbortService,
  WebAuthnError,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import { api } from '../api';
import type { Passkey, SessionGrant } from '../api-types';
import { acceptGrant } from './account';

const PUBLIC = { refreshOnExpiry: false } as const;

/** Whether this browser can create and use passkeys at all. */
export const passkeysSupported = browserSupportsWebAuthn;

/** The browser's own refusals (the person cancelled, the device already has one...) in words. */
export class PasskeyCeremonyError extends Error {}

/** A ceremony replaced by a newer one or ended by leaving the page: nothing to report. */
export function isCancelledByPage(error: unknown): boolean {
  return error instanceof WebAuthnError && error.code === 'ERROR_CEREMONY_ABORTED';
}

function ceremonyError(error: unknown): unknown {
  if (!(error instanceof Error) || isCancelledByPage(error)) return error;
  if (
    error instanceof WebAuthnError &&
    error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'
  ) {
    return new PasskeyCeremonyError('This device already holds a passkey for your account.');
  }
  // Read through a cast: `Error.cause` is typed from lib ES2022 on, and an existing app may target less.
  const cause = error instanceof WebAuthnError ? (error as { cause?: unknown }).cause : undefined;
  const name = cause instanceof Error ? cause.name : error.name;
  if (name === 'NotAllowedError' || name === 'AbortError') {
    return new PasskeyCeremonyError('The passkey request was cancelled or timed out.');
  }
  if (error instanceof WebAuthnError) return new PasskeyCeremonyError(error.message);
  return error;
}

async function ceremony<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw ceremonyError(error);
  }
}

export async function listPasskeys(): Promise<Passkey[]> {
  const { passkeys } = await api.request<{ passkeys: Passkey[] }>('/auth/passkeys');
  return passkeys;
}

/** Creates a passkey on this device and stores it; a session older than five minutes sends the password. */
export async function addPasskey(name: string, password?: string): Promise<Passkey> {
  const { options } = await api.request<{ options: PublicKeyCredentialCreationOptionsJSON }>(
    '/auth/passkeys/register/begin',
    { method: 'POST', body: password ? { password } : {} },
  );
  const credential = await ceremony(() => startRegistration({ optionsJSON: options }));
  return api.request('/auth/passkeys/register/finish', {
    method: 'POST',
    body: name ? { credential, name } : { credential },
  });
}

export function renamePasskey(id: string, name: string): Promise<Passkey> {
  return api.request(`/auth/passkeys/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { name },
  });
}

export function removePasskey(id: string): Promise<void> {
  return api.request(`/auth/passkeys/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

interface PendingLogin {
  passkeyToken: string;
  options: PublicKeyCredentialRequestOptionsJSON;
}

function beginLogin(): Promise<PendingLogin> {
  return api.request('/auth/passkeys/login/begin', { method: 'POST', body: {}, ...PUBLIC });
}

async function finishLogin(
  passkeyToken: string,
  credential: AuthenticationResponseJSON,
): Promise<SessionGrant> {
  const grant = await api.request<SessionGrant>('/auth/passkeys/login/finish', {
    method: 'POST',
    body: { passkeyToken, credential },
    ...PUBLIC,
  });
  return acceptGrant(grant);
}

/** Signs in with a passkey the browser offers (no email typed): a complete login, no TOTP step. */
export async function signInWithPasskey(): Promise<SessionGrant> {
  const { passkeyToken, options } = await beginLogin();
  const credential = await ceremony(() => startAuthentication({ optionsJSON: options }));
  return finishLogin(passkeyToken, credential);
}

/**
 * Offers the passkeys among the suggestions of the field marked `autocomplete="username webauthn"`
 * (conditional mediation) and signs in with the one picked. Null when nothing is picked: the
 * browser has no such autofill, the offer could not be made, or it was withdrawn.
 */
export async function signInWithPasskeyAutofill(): Promise<SessionGrant | null> {
  if (!(await browserSupportsWebAuthnAutofill())) return null;
  let picked: { passkeyToken: string; credential: AuthenticationResponseJSON };
  try {
    const { passkeyToken, options } = await beginLogin();
    const credential = await startAuthentication({
      optionsJSON: options,
      useBrowserAutofill: true,
    });
    picked = { passkeyToken, credential };
  } catch {
    return null;
  }
  return finishLogin(picked.passkeyToken, picked.credential);
}

/** Ends a pending autofill ceremony (the page is left). */
export function cancelPasskeyAutofill(): void {
  WebAuthnAbortService.cancelCeremony();
}
