/**
 * The app's own API and auth layers (universal-auth/lib, unchanged) against a live backend
 * started by tests/generated/test_expo_live.py: real HTTP through Node's fetch, no fake of our
 * code. Only the native modules (secure store, local authentication, application ids) are the
 * documented fakes of universal-auth/testing, as they are in the app's own tests, and the global
 * fetch is Node's (live-environment.js).
 *
 * Environment: EXPO_PUBLIC_API_URL, and the accounts the harness made: LIVE_EMAIL and
 * LIVE_PASSWORD (verified, no MFA), LIVE_MFA_EMAIL, LIVE_MFA_PASSWORD and LIVE_MFA_SECRET
 * (TOTP on), LIVE_ACCESS_TTL (the server's access token lifetime, seconds).
 */
import { createHmac } from 'node:crypto';
import * as SecureStore from 'expo-secure-store';
import { API_URL, api, credentials } from '../universal-auth/lib/api';
import type { SessionGrant } from '../universal-auth/lib/api-types';
import { currentUser, login, logout } from '../universal-auth/lib/auth/account';
import {
  enableBiometricUnlock,
  hasBiometricUnlock,
  unlockWithBiometrics,
} from '../universal-auth/lib/auth/biometric';
import { verifyMfa } from '../universal-auth/lib/auth/mfa';
import { applicationFake } from '../universal-auth/testing/application-fake';
import { localAuthenticationFake } from '../universal-auth/testing/local-authentication-fake';
import { resetNativeFakes } from '../universal-auth/testing/reset';
import { secureStoreFake } from '../universal-auth/testing/secure-store-fake';

declare const nodeFetch: typeof fetch;

// Node's fetch (live-environment.js) in place of Expo's, whose native module exists only on a device.
Object.defineProperty(globalThis, 'fetch', { value: nodeFetch, writable: true, configurable: true });

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this suite through tests/generated/test_expo_live.py`);
  return value;
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of the step after the current one, which no one spent yet. */
function nextTotp(secret: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    bits += alphabet.indexOf(char).toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30) + 1));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1] & 0xf;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

async function passwordSignIn(): Promise<SessionGrant> {
  const result = await login({ email: env('LIVE_EMAIL'), password: env('LIVE_PASSWORD') });
  if (!('user' in result)) throw new Error('expected a session without MFA');
  return result;
}

async function signedOutLocally(): Promise<void> {
  credentials.clear();
  await credentials.saved();
}

beforeEach(async () => {
  await signedOutLocally();
  resetNativeFakes();
});

test('the suite talks to the live backend', () => {
  expect(API_URL).toBe(env('EXPO_PUBLIC_API_URL'));
});

test('sign in keeps the tokens in the secure store; sign out ends the session on the server', async () => {
  const grant = await passwordSignIn();
  expect(grant.user.email).toBe(env('LIVE_EMAIL'));
  await credentials.saved();
  const kept = secureStoreFake.contents();
  expect(kept['auth.refreshToken']).toBe(grant.refreshToken);
  expect((await currentUser())?.email).toBe(env('LIVE_EMAIL'));

  await logout();
  await credentials.saved();
  expect(secureStoreFake.contents()).toEqual({});
  const reuse = await fetch(`${API_URL}/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: kept['auth.refreshToken'] }),
  });
  expect(reuse.status).toBe(401);
});

test('a wrong password reads as the API error', async () => {
  await expect(
    login({ email: env('LIVE_EMAIL'), password: 'not the password' }),
  ).rejects.toMatchObject({ status: 401, code: 'invalid_credentials' });
});

test('MFA: the login asks for a code, a wrong one is refused, the TOTP code opens the session', async () => {
  const first = await login({ email: env('LIVE_MFA_EMAIL'), password: env('LIVE_MFA_PASSWORD') });
  if (!('mfaRequired' in first)) throw new Error('expected an MFA challenge');
  await expect(verifyMfa(first.mfaToken, '000000')).rejects.toMatchObject({
    status: 401,
    code: 'mfa_invalid',
  });
  const grant = await verifyMfa(first.mfaToken, nextTotp(env('LIVE_MFA_SECRET')));
  expect(grant.user).toMatchObject({ email: env('LIVE_MFA_EMAIL'), mfaEnabled: true });
  expect((await currentUser())?.mfaEnabled).toBe(true);
});

test('biometric register, then biometric login on the next launch', async () => {
  await passwordSignIn();
  await enableBiometricUnlock();
  const deviceToken = await SecureStore.getItemAsync('auth.deviceToken');
  expect(deviceToken?.length).toBeGreaterThanOrEqual(22);

  await signedOutLocally();
  expect(await currentUser()).toBeNull();
  const grant = await unlockWithBiometrics();
  expect(grant.user.email).toBe(env('LIVE_EMAIL'));
  expect((await currentUser())?.email).toBe(env('LIVE_EMAIL'));
  expect(localAuthenticationFake.prompts).toEqual([
    'Confirm to turn on biometric unlock',
    'Unlock your account',
  ]);
});

test('a device token shown with another fingerprint is refused and forgotten', async () => {
  applicationFake.setId('phone-a');
  await passwordSignIn();
  await enableBiometricUnlock();
  await signedOutLocally();

  applicationFake.setId('phone-b');
  await expect(unlockWithBiometrics()).rejects.toMatchObject({ status: 401 });
  expect(await hasBiometricUnlock()).toBe(false);
  expect(await currentUser()).toBeNull();
});

test('a device the server removed (a fourth replaced the oldest) is refused and forgotten', async () => {
  await passwordSignIn();
  const tokens: Record<string, string> = {};
  for (const device of ['oldest', 'second', 'third', 'fourth']) {
    applicationFake.setId(`phone-${device}`);
    await enableBiometricUnlock();
    tokens[device] = (await SecureStore.getItemAsync('auth.deviceToken'))!;
  }
  await signedOutLocally();

  applicationFake.setId('phone-second');
  await SecureStore.setItemAsync('auth.deviceToken', tokens.second);
  expect((await unlockWithBiometrics()).user.email).toBe(env('LIVE_EMAIL'));
  await signedOutLocally();

  applicationFake.setId('phone-oldest');
  await SecureStore.setItemAsync('auth.deviceToken', tokens.oldest);
  await expect(unlockWithBiometrics()).rejects.toMatchObject({ status: 401 });
  expect(await hasBiometricUnlock()).toBe(false);
});

test('a cancelled biometric prompt sends nothing', async () => {
  await passwordSignIn();
  await enableBiometricUnlock();
  await signedOutLocally();
  localAuthenticationFake.set({ outcome: 'user_cancel' });
  const sent = jest.spyOn(globalThis, 'fetch');
  await expect(unlockWithBiometrics()).rejects.toThrow(/not passed/);
  expect(sent).not.toHaveBeenCalled();
  expect(await hasBiometricUnlock()).toBe(true);
  sent.mockRestore();
});

test('concurrent requests after the access token expired share one refresh', async () => {
  await passwordSignIn();
  await sleep(Number(env('LIVE_ACCESS_TTL')) + 1);
  const sent = jest.spyOn(globalThis, 'fetch');
  const users = await Promise.all(Array.from({ length: 5 }, () => currentUser()));
  expect(users.map((user) => user?.email)).toEqual(Array(5).fill(env('LIVE_EMAIL')));
  const refreshes = sent.mock.calls.filter(([url]) => String(url).endsWith('/auth/refresh'));
  expect(refreshes).toHaveLength(1);
  sent.mockRestore();

  await sleep(1.5);
  expect((await api.request<{ email: string }>('/auth/me')).email).toBe(env('LIVE_EMAIL'));
});
