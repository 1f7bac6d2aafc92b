import { provideLocationMocks } from '@angular/common/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { afterEach, expect, vi } from 'vitest';
import { App } from '../../app/app';
import { routes as appRoutes } from '../../app/app.routes';
import { provideUniversalAuth } from '..';
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

afterEach(() => {
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

/** An element's text as a reader gets it: trimmed, runs of white space as one. */
export function textOf(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Mounts the whole app at `path` against an in-memory API, with the real router and store. */
export async function renderApp(path: string, routes: Record<string, Handler>) {
  const backend = fakeApi(routes);
  vi.stubGlobal('fetch', backend.send);
  TestBed.configureTestingModule({
    providers: [provideRouter(appRoutes), provideLocationMocks(), provideUniversalAuth()],
  });
  const fixture = TestBed.createComponent(App);
  fixture.autoDetectChanges();
  const router = TestBed.inject(Router);
  const root = fixture.nativeElement as HTMLElement;
  await router.navigateByUrl(path);

  /** Waits until `find` returns something, failing with `what` after a while. */
  const eventually = <T>(find: () => T | null | undefined | false, what: string) =>
    vi.waitFor(
      async () => {
        await fixture.whenStable();
        const found = find();
        expect(found, what).toBeTruthy();
        return found as T;
      },
      { timeout: 5000, interval: 20 },
    );

  const all = <E extends Element = HTMLElement>(selector: string) =>
    Array.from(root.querySelectorAll<E>(selector));

  /** The element with this text (a heading, a message, a link...). */
  const byText = (selector: string, text: string | RegExp) =>
    eventually(
      () =>
        all(selector).find((element) =>
          typeof text === 'string' ? textOf(element) === text : text.test(textOf(element)),
        ),
      `${selector} "${text}"`,
    );

  /** The input a <label> with this text names: fields must be labelled to be found. */
  const field = async (label: string): Promise<HTMLInputElement> => {
    const element = await byText('label', label);
    const input = root.querySelector<HTMLInputElement>(`[id="${element.getAttribute('for')}"]`);
    if (!input) throw new Error(`the label "${label}" names no element`);
    return input;
  };

  const heading = (text: string) => byText('h1', text);
  const button = (text: string | RegExp) => byText('button', text);

  async function fill(label: string, value: string) {
    const input = await field(label);
    input.value = value;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function check(label: string) {
    const input = await field(label);
    input.click();
    await fixture.whenStable();
  }

  async function click(text: string | RegExp) {
    (await button(text)).click();
    await fixture.whenStable();
  }

  return {
    backend,
    router,
    root,
    all,
    eventually,
    byText,
    field,
    heading,
    button,
    fill,
    check,
    click,
  };
}
