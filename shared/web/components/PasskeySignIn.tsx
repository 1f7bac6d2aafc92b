import { useEffect, useState } from 'react';
import { ErrorAlert } from './Alert';
import { describeError } from './useFormAction';
import type { SessionGrant } from '../lib/api-types';
import {
  cancelPasskeyAutofill,
  isCancelledByPage,
  PasskeyCeremonyError,
  passkeysSupported,
  signInWithPasskey,
  signInWithPasskeyAutofill,
} from '../lib/auth/passkeys';

interface PasskeySignInProps {
  onSignedIn(grant: SessionGrant): void;
  /** Takes the errors the login page handles itself (mode 4 consent); true when it did. */
  onError?(error: unknown): boolean;
}

/**
 * "Sign in with a passkey", and the same passkeys offered among the email field's autofill
 * suggestions where the browser supports it. A browser without passkeys is told so.
 */
export function PasskeySignIn({ onSignedIn, onError }: PasskeySignInProps) {
  const [supported] = useState(passkeysSupported);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!supported) return;
    let active = true;
    const fail = (caught: unknown) => {
      if (!active || isCancelledByPage(caught) || onError?.(caught)) return;
      setError(caught instanceof PasskeyCeremonyError ? caught.message : describeError(caught));
    };
    signInWithPasskeyAutofill().then((grant) => {
      if (active && grant) onSignedIn(grant);
    }, fail);
    return () => {
      active = false;
      cancelPasskeyAutofill();
    };
  }, [supported, onSignedIn, onError]);

  if (!supported) {
    return (
      <p className="hint" data-testid="passkeys-unsupported">
        This browser cannot use passkeys: sign in with your password.
      </p>
    );
  }

  async function signIn() {
    setPending(true);
    setError(null);
    try {
      onSignedIn(await signInWithPasskey());
    } catch (caught) {
      if (isCancelledByPage(caught) || onError?.(caught)) return;
      setError(caught instanceof PasskeyCeremonyError ? caught.message : describeError(caught));
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="passkey-sign-in">
      <ErrorAlert>{error}</ErrorAlert>
      <button type="button" className="secondary" disabled={pending} onClick={() => void signIn()}>
        {pending ? 'Waiting for your passkey…' : 'Sign in with a passkey'}
      </button>
    </div>
  );
}
