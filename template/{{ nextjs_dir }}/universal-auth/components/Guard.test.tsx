import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth/AuthProvider';
import type { Access } from '../auth/context';
import { ada, signedIn, signedOut } from '../../test/app';
import { fakeApi } from '../test/fake-api';
import { router, setLocation } from '../../test/navigation';
import { Guard } from './Guard';

vi.mock('next/navigation', async () => (await import('../../test/navigation')).navigation);

function renderGuarded(access: Access, path: string, routes: ReturnType<typeof signedOut>) {
  vi.stubGlobal('fetch', fakeApi(routes).send);
  setLocation(path);
  render(
    <AuthProvider>
      <Guard access={access}>
        <h1>Private page</h1>
      </Guard>
    </AuthProvider>,
  );
}

describe('route guard', () => {
  it('sends a signed-out visitor to sign in, remembering the page', async () => {
    renderGuarded('user', '/sessions?page=2', signedOut());
    await waitFor(() =>
      expect(router.replace).toHaveBeenCalledWith('/login?next=%2Fsessions%3Fpage%3D2'),
    );
    expect(screen.queryByText('Private page')).not.toBeInTheDocument();
  });

  it('shows a signed-in user the page', async () => {
    renderGuarded('user', '/dashboard', signedIn(ada));
    expect(await screen.findByText('Private page')).toBeInTheDocument();
  });

  it('keeps the admin pages from other roles', async () => {
    renderGuarded('admin', '/manage/users', signedIn(ada));
    expect(await screen.findByRole('heading', { name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.queryByText('Private page')).not.toBeInTheDocument();
  });

  it('sends a signed-in user away from guest pages', async () => {
    renderGuarded('guest', '/login', signedIn(ada));
    await waitFor(() => expect(router.replace).toHaveBeenCalledWith('/dashboard'));
  });
});
