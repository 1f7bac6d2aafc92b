import { useCallback, useState } from 'react';
import { Link } from '../router';
import { ErrorAlert, StatusMessage } from '../components/Alert';
import { Field } from '../components/Field';
import { useFormAction } from '../components/useFormAction';
import { forgotPassword } from '../lib/auth/account';
import { paths } from '../lib/paths';

export default function ForgotPasswordPage() {
  const [sent, setSent] = useState(false);
  const action = useCallback(async ({ email = '' }: Record<string, string>) => {
    await forgotPassword(email);
    setSent(true);
  }, []);
  const form = useFormAction(action);

  return (
    <section className="card" aria-labelledby="forgot-title">
      <h1 id="forgot-title" tabIndex={-1}>
        Reset your password
      </h1>
      <StatusMessage>
        {sent && 'If an account uses this address, a reset link is on its way. It expires soon.'}
      </StatusMessage>
      {!sent && (
        <form onSubmit={form.onSubmit} noValidate>
          <ErrorAlert>{form.error}</ErrorAlert>
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={form.fieldErrors.email}
          />
          <button type="submit" disabled={form.pending}>
            {form.pending ? 'Sending…' : 'Send reset link'}
          </button>
        </form>
      )}
      <p>
        <Link to={paths.login}>Back to sign in</Link>
      </p>
    </section>
  );
}
