import { describe, expect, it } from 'vitest';
import { noContent, problem } from '../test/fake-api';
import { ada, renderApp, signedIn } from '../test/app';

describe('security settings', () => {
  it('changes the password and clears the form', async () => {
    const app = await renderApp(
      '/security',
      signedIn(ada, { 'POST /auth/password/change': () => noContent() }),
    );
    await app.fill('Current password', 'old passphrase here');
    await app.fill('New password', 'a brand new passphrase');
    await app.click('Change password');
    await app.byText('[role="status"]', 'Your password is changed.');
    expect((await app.field('Current password')).value).toBe('');
    expect(app.backend.requests.find((r) => r.path === '/auth/password/change')?.body).toEqual({
      currentPassword: 'old passphrase here',
      newPassword: 'a brand new passphrase',
    });
  });

  it('announces a wrong current password', async () => {
    const app = await renderApp(
      '/security',
      signedIn(ada, {
        'POST /auth/password/change': () =>
          problem(400, 'invalid_credentials', 'The current password is wrong.'),
      }),
    );
    await app.fill('Current password', 'wrong');
    await app.fill('New password', 'a brand new passphrase');
    await app.click('Change password');
    await app.byText('[role="alert"]', 'The current password is wrong.');
  });

  it('leaves a private page when the session ends', async () => {
    const app = await renderApp(
      '/security',
      signedIn(ada, { 'POST /auth/logout': () => noContent() }),
    );
    await app.heading('Security settings');
    await app.click('Sign out');
    await app.heading('Sign in');
    expect(app.backend.count('POST /auth/logout')).toBe(1);
  });
});
