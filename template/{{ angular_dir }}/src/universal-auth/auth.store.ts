import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { api } from './lib/api';
import type { User } from './lib/api-types';
import { currentUser, logout } from './lib/auth/account';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

/** Who is signed in. The tokens are not here: cookies the browser keeps, or the API client's memory. */
@Injectable()
export class AuthStore {
  private readonly current = signal<User | null>(null);
  private readonly state = signal<AuthStatus>('loading');
  private readonly endedByUser = signal(false);
  private firstLoad: Promise<void> | null = null;

  readonly user = this.current.asReadonly();
  readonly status = this.state.asReadonly();
  /** True after the user signed out here; false when the session ended otherwise (expiry, revocation). */
  readonly signedOutByUser = this.endedByUser.asReadonly();
  readonly isSignedIn = computed(() => this.state() === 'signed-in');

  constructor() {
    inject(DestroyRef).onDestroy(api.onSessionEnded(() => this.signedIn(null)));
    void this.ready();
  }

  /** Puts the user of a fresh session in place (after login or MFA), or none. */
  signedIn(next: User | null): void {
    this.current.set(next);
    this.state.set(next ? 'signed-in' : 'signed-out');
    this.endedByUser.set(false);
  }

  /** Resolves once the first answer of `/auth/me` is known; the route guard waits for it. */
  ready(): Promise<void> {
    this.firstLoad ??= currentUser()
      .catch(() => null)
      .then((user) => this.signedIn(user));
    return this.firstLoad;
  }

  /** Re-reads the current user (after a change to the account). */
  async reload(): Promise<void> {
    this.signedIn(await currentUser().catch(() => null));
  }

  async signOut(): Promise<void> {
    try {
      await logout();
    } finally {
      this.signedIn(null);
      this.endedByUser.set(true);
    }
  }
}
