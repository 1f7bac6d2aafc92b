import { fireEvent, renderRouter, screen } from 'expo-router/testing-library';
import { fakeApi, grant, json, noContent, problem, user } from '../testing/fake-api';
import { resetNativeFakes } from '../testing/reset';
import { secureStoreFake } from '../testing/secure-store-fake';

beforeEach(resetNativeFakes);
afterEach(() => jest.restoreAllMocks());

async function signIn(password: string) {
  fireEvent.changeText(await screen.findByLabelText('Email'), ' ada@example.com ');
  fireEvent.changeText(screen.getByLabelText('Password'), password);
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
}

test('signs in, keeps the tokens in the secure store, and signs out', async () => {
  const server = fakeApi({
    'POST /auth/login': () => json(grant()),
    'GET /auth/me': () => json(user),
    'POST /auth/logout': () => noContent(),
  });
  const app = renderRouter('./app', { initialUrl: '/' });
  await signIn('correct horse battery');

  expect(await screen.findByText('ada@example.com')).toBeTruthy();
  expect(app.getPathname()).toBe('/account');
  expect(server.requests[0].body).toEqual({
    email: 'ada@example.com',
    password: 'correct horse battery',
  });
  expect(secureStoreFake.contents()['auth.refreshToken']).toBe('refresh-1');

  fireEvent.press(screen.getByRole('button', { name: 'Sign out' }));
  expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
  expect(server.count('POST /auth/logout')).toBe(1);
  expect(secureStoreFake.contents()).toEqual({});
});

test('shows a readable error for wrong credentials and the wait after too many', async () => {
  let attempts = 0;
  fakeApi({
    'POST /auth/login': () =>
      ++attempts === 1
        ? problem(401, 'invalid_credentials')
        : problem(429, 'rate_limited', {}, { 'Retry-After': '120' }),
  });
  renderRouter('./app', { initialUrl: '/sign-in' });
  await signIn('wrong');
  expect(await screen.findByText('The email or password is not right.')).toBeTruthy();
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('Too many attempts. Try again in 2 minutes.')).toBeTruthy();
});
