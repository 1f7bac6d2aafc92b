import { useCallback, useState } from 'react';
import { changePassword } from '../lib/auth/account';
import { Button, ErrorMessage, Field, Notice, Section } from './ui';
import { useAction } from './useAction';

export function ChangePasswordForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [changed, setChanged] = useState(false);

  const submit = useCallback(async () => {
    setChanged(false);
    await changePassword(currentPassword, newPassword);
    setCurrentPassword('');
    setNewPassword('');
    setChanged(true);
  }, [currentPassword, newPassword]);

  const action = useAction(submit);

  return (
    <Section title="Change password">
      {changed ? <Notice>Your password is changed.</Notice> : null}
      <ErrorMessage>{action.error}</ErrorMessage>
      <Field
        label="Current password"
        value={currentPassword}
        onChangeText={setCurrentPassword}
        secureTextEntry
        autoComplete="current-password"
        error={action.fieldErrors.currentPassword}
      />
      <Field
        label="New password"
        value={newPassword}
        onChangeText={setNewPassword}
        secureTextEntry
        autoComplete="new-password"
        error={action.fieldErrors.newPassword}
      />
      <Button label="Change password" onPress={action.run} pending={action.pending} />
    </Section>
  );
}
