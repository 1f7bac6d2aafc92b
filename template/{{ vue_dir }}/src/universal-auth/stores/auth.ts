import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import { api } from '../lib/api';
import type { User } from '../lib/api-types';
import { currentUser, logout } from '../lib/auth/account';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

/** Who is signed in. The tokens are not here: cookies the browser keeps, or the API client's memory. */
export const useAuthStore = defineStore('universal-auth', () => {
  const user = ref<User | null>(null);
  const status = ref<AuthStatus>('loading');
  /** True after the user signed out here; false when the session ended otherwise (expiry, revocation). */
  const signedOutByUser = ref(false);
  const isSignedIn = computed(() => status.value === 'signed-in');
  let firstLoad: Promise<void> | null = null;

  /** Puts the user of a fresh session in place (after login or MFA), or none. */
  function signedIn(next: User | null) {
    user.value = next;
    status.value = next ? 'signed-in' : 'signed-out';
    signedOutByUser.value = false;
  }

  /** Resolves once the first answer of `/auth/me` is known; the route guard waits for it. */
  function ready(): Promise<void> {
    firstLoad ??= currentUser()
      .catch(() => null)
      .then(signedIn);
    return firstLoad;
  }

  /** Re-reads the current user (after a change to the account). */
  async function reload() {
    signedIn(await currentUser().catch(() => null));
  }

  async function signOut() {
    try {
      await logout();
    } finally {
      signedIn(null);
      signedOutByUser.value = true;
    }
  }

  onScopeDispose(api.onSessionEnded(() => signedIn(null)));
  void ready();

  return { user, status, signedOutByUser, isSignedIn, ready, signedIn, reload, signOut };
});
