import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { noContent, problem } from '../test/fake-api';
import { ada, renderApp, signedIn } from '../test/app';

describe('security settings', () => {
  it('changes the password and clears the form', async () => {
    const { backend, user } = renderApp(
      '/security',
      signedIn(ada, { 'POST /auth/password/change': () => noContent() }),
    );
    await user.type(await screen.findByLabelText('Current password'), 'old passphrase here');
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('Your password is changed.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(backend.requests.find((r) => r.path === '/auth/password/change')?.body).toEqual({
      currentPassword: 'old passphrase here',
      newPassword: 'a brand new passphrase',
    });
  });

  it('announces a wrong current password', async () => {
    const { user } = renderApp(
      '/security',
      signedIn(ada, {
        'POST /auth/password/change': () =>
          problem(400, 'invalid_credentials', 'The current password is wrong.'),
      }),
    );
    await user.type(await screen.findByLabelText('Current password'), 'wrong');
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByText('That password is not right.')).toHaveAttribute('role', 'alert');
  });

  it('refuses a confirmation that differs before asking the server', async () => {
    const { backend, user } = renderApp('/security', signedIn(ada));
    await user.type(await screen.findByLabelText('Current password'), 'old passphrase here');
    await user.type(screen.getByLabelText('New password'), 'a brand new passphrase');
    await user.type(screen.getByLabelText('Confirm new password'), 'a brand new passphrase!');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByLabelText('Confirm new password')).toHaveAccessibleDescription(
      'The passwords do not match.',
    );
    expect(backend.count('POST /auth/password/change')).toBe(0);
  });
});
