import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, noContent, problem } from '../test/fake-api';
import { renderApp, signedOut } from '../test/app';

const password = 'a long enough passphrase';

describe('forgot and reset password', () => {
  it('asks for a reset link and answers the same whatever the address', async () => {
    const { backend, user } = renderApp(
      '/forgot-password',
      signedOut({ 'POST /auth/password/forgot': () => json({ status: 'reset_sent' }, 202) }),
    );
    await user.type(await screen.findByLabelText('Email'), 'someone@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByText(/a reset link is on its way/)).toBeInTheDocument();
    expect(backend.requests.find((r) => r.path === '/auth/password/forgot')?.body).toEqual({
      email: 'someone@example.com',
    });
  });

  it('sends the token from the link with the new password', async () => {
    const { backend, user } = renderApp(
      '/reset-password?token=abc_DEF-123',
      signedOut({ 'POST /auth/password/reset': () => noContent() }),
    );
    await user.type(await screen.findByLabelText('New password'), password);
    await user.type(screen.getByLabelText('Confirm new password'), password);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByText(/every session was signed out/)).toBeInTheDocument();
    expect(backend.requests.find((r) => r.path === '/auth/password/reset')?.body).toEqual({
      token: 'abc_DEF-123',
      password,
    });
  });

  it('announces an expired link', async () => {
    const { user } = renderApp(
      '/reset-password?token=old',
      signedOut({
        'POST /auth/password/reset': () => problem(400, 'token_expired', 'The link has expired.'),
      }),
    );
    await user.type(await screen.findByLabelText('New password'), password);
    await user.type(screen.getByLabelText('Confirm new password'), password);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This link has expired. Ask for a new one.',
    );
  });
});
