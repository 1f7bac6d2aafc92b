import { describe, expect, it } from 'vitest';
import { json, noContent, problem } from '../test/fake-api';
import { renderApp, signedOut } from '../test/app';

const password = 'a long enough passphrase';

describe('forgot and reset password', () => {
  it('asks for a reset link and answers the same whatever the address', async () => {
    const app = await renderApp(
      '/forgot-password',
      signedOut({ 'POST /auth/password/forgot': () => json({ status: 'reset_sent' }, 202) }),
    );
    await app.fill('Email', 'someone@example.com');
    await app.click('Send reset link');
    await app.byText('[role="status"]', /a reset link is on its way/);
    expect(app.backend.requests.find((r) => r.path === '/auth/password/forgot')?.body).toEqual({
      email: 'someone@example.com',
    });
  });

  it('sends the token from the link with the new password', async () => {
    const app = await renderApp(
      '/reset-password?token=abc_DEF-123',
      signedOut({ 'POST /auth/password/reset': () => noContent() }),
    );
    await app.fill('New password', password);
    await app.fill('Confirm new password', password);
    await app.click('Set new password');
    await app.byText('[role="status"]', /every session was signed out/);
    expect(app.backend.requests.find((r) => r.path === '/auth/password/reset')?.body).toEqual({
      token: 'abc_DEF-123',
      password,
    });
  });

  it('announces an expired link', async () => {
    const app = await renderApp(
      '/reset-password?token=old',
      signedOut({
        'POST /auth/password/reset': () => problem(400, 'token_expired', 'The link has expired.'),
      }),
    );
    await app.fill('New password', password);
    await app.fill('Confirm new password', password);
    await app.click('Set new password');
    await app.byText('[role="alert"]', 'The link has expired.');
  });
});
