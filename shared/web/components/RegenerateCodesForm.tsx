import { useCallback, useState } from 'react';
import { ErrorAlert } from './Alert';
import { Field } from './Field';
import { RecoveryCodes } from './RecoveryCodes';
import { useFormAction } from './useFormAction';
import { regenerateRecoveryCodes } from '../lib/auth/mfa';
import { passwordCheckWording } from '../lib/errors';

export function RegenerateCodesForm() {
  const [codes, setCodes] = useState<string[] | null>(null);
  const action = useCallback(async ({ password }: Record<string, string>) => {
    const result = await regenerateRecoveryCodes(password || undefined);
    setCodes(result.recoveryCodes);
  }, []);
  const form = useFormAction(action, undefined, passwordCheckWording);

  if (codes) return <RecoveryCodes codes={codes} />;
  return (
    <form onSubmit={form.onSubmit} noValidate aria-labelledby="regenerate-title">
      <h3 id="regenerate-title">New recovery codes</h3>
      <p>A new set replaces the old one; the old codes stop working.</p>
      <ErrorAlert>{form.error}</ErrorAlert>
      <Field
        label="Current password"
        name="password"
        type="password"
        autoComplete="current-password"
        hint="Needed when you signed in more than five minutes ago."
      />
      <button type="submit" disabled={form.pending}>
        Generate new codes
      </button>
    </form>
  );
}
