import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, expect, vi } from 'vitest';
import { createMemoryHistory } from 'vue-router';
import App from '../../App.vue';
import { createAppRouter } from '../../router';
import { api } from '../lib/api';
import type { User } from '../lib/api-types';
import { fakeApi, json, problem, type Handler } from './fake-api';

export const ada: User = {
  id: '7',
  email: 'ada@example.com',
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00Z',
  mfaEnabled: false,
  role: 'member',
};

let mounted: VueWrapper | null = null;

afterEach(() => {
  mounted?.unmount();
  mounted = null;
  document.body.innerHTML = '';
  api.credentials.clear();
  vi.unstubAllGlobals();
});

/** Routes of a signed-out visitor, to which a test adds the ones it exercises. */
export function signedOut(routes: Record<string, Handler> = {}) {
  return {
    'GET /auth/csrf': () => json({ csrfToken: 'csrf-token' }),
    'GET /auth/me': () => problem(401, 'token_invalid'),
    'POST /auth/refresh': () => problem(401, 'token_invalid'),
    ...routes,
  };
}

/** Routes of a signed-in user; the session is primed as a login would (tokens in memory for bearer). */
export function signedIn(user: User, routes: Record<string, Handler> = {}) {
  api.credentials.accept({ accessToken: 'access', refreshToken: 'refresh', expiresIn: 900, user });
  return signedOut({ 'GET /auth/me': () => json(user), ...routes });
}

/** Waits until `find` returns something, failing with `what` after a while. */
export async function eventually<T>(find: () => T | null | undefined | false, what: string) {
  return vi.waitFor(
    async () => {
      await flushPromises();
      const found = find();
      expect(found, what).toBeTruthy();
      return found as T;
    },
    { timeout: 5000, interval: 20 },
  );
}

/** Mounts the whole app at `path` against an in-memory API, with the real router and store. */
export async function renderApp(path: string, routes: Record<string, Handler>) {
  const backend = fakeApi(routes);
  vi.stubGlobal('fetch', backend.send);
  const router = createAppRouter(createMemoryHistory());
  const pinia = createPinia();
  const host = document.createElement('div');
  document.body.append(host);
  const wrapper = mount(App, { global: { plugins: [pinia, router] }, attachTo: host });
  mounted = wrapper;
  await router.push(path);

  /** The element with this text (a heading, a message, a link...). */
  const byText = (selector: string, text: string | RegExp) =>
    eventually(
      () =>
        wrapper
          .findAll(selector)
          .find((element) =>
            typeof text === 'string' ? element.text() === text : text.test(element.text()),
          ),
      `${selector} "${text}"`,
    );

  /** The input a <label> with this text names: fields must be labelled to be found. */
  const field = async (label: string): Promise<DOMWrapper<HTMLInputElement>> => {
    const element = await byText('label', label);
    const input = wrapper.find<HTMLInputElement>(`[id="${element.attributes('for')}"]`);
    if (!input.exists()) throw new Error(`the label "${label}" names no element`);
    return input;
  };

  const heading = (text: string) => byText('h1', text);
  const button = (text: string | RegExp) => byText('button', text);

  async function fill(label: string, value: string) {
    await (await field(label)).setValue(value);
  }

  async function click(text: string | RegExp) {
    await (await button(text)).trigger('click');
    await flushPromises();
  }

  return { backend, router, wrapper, eventually, byText, field, heading, button, fill, click };
}
