import { Link } from 'expo-router';
import { useCallback, useState } from 'react';
import { Button, ErrorMessage, Field, Notice, Screen, styles } from '../components/ui';
import { useAction } from '../components/useAction';
import { forgotPassword } from '../lib/auth/account';
import { paths } from '../paths';

export default function ForgotPasswordScreen() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);

  const submit = useCallback(async () => {
    await forgotPassword(email.trim());
    setSent(true);
  }, [email]);

  const action = useAction(submit);

  return (
    <Screen title="Forgot your password?">
      {sent ? (
        <Notice>
          If an account uses this address, we have sent it a link to choose a new password.
        </Notice>
      ) : null}
      <ErrorMessage>{action.error}</ErrorMessage>
      <Field
        label="Email"
        value={email}
        onChangeText={setEmail}
        keyboardType="email-address"
        autoComplete="email"
        error={action.fieldErrors.email}
      />
      <Button label="Send reset link" onPress={action.run} pending={action.pending} />
      <Link href={paths.signIn} style={styles.text}>
        Back to sign in
      </Link>
    </Screen>
  );
}
