/**
 * Makes sure one refresh runs at a time: within a tab every 401 waits for the same
 * refresh, and across tabs (cookie transport, where the cookies are shared) a Web Lock
 * serialises them: a tab that finds the lock taken waits for it and then only retries,
 * since the holder has refreshed the shared cookies. Where Web Locks is missing, tabs
 * announce their refresh on a BroadcastChannel and the others wait for its outcome.
 *
 * A counter of completed refreshes ("generation") tells a request that failed with the old
 * token whether someone refreshed since it was sent: then it only needs a retry.
 */

type Notice = { type: 'refreshing' } | { type: 'refreshed' } | { type: 'refresh-failed' };

/** The part of the Web Locks API (navigator.locks) used here. */
export interface LockRequester {
  request<T>(
    name: string,
    options: { ifAvailable?: boolean },
    callback: (lock: unknown) => Promise<T>,
  ): Promise<T>;
}

export interface Channel {
  postMessage(message: Notice): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<Notice>) => void): void;
}

export interface RefreshCoordinator {
  /** The number of refreshes completed so far, here or in another tab. */
  generation(): number;
  /** Refreshes unless one completed after `seenGeneration`; resolves true when a retry may succeed. */
  refresh(seenGeneration: number): Promise<boolean>;
}

export interface CoordinatorOptions {
  locks?: LockRequester | null;
  channel?: Channel | null;
  lockName?: string;
  peerTimeoutMs?: number;
}

export function createRefreshCoordinator(
  run: () => Promise<boolean>,
  {
    locks = null,
    channel = null,
    lockName = 'auth-refresh',
    peerTimeoutMs = 10_000,
  }: CoordinatorOptions = {},
): RefreshCoordinator {
  let generation = 0;
  let inFlight: Promise<boolean> | null = null;
  let peerRefresh: Promise<void> | null = null;
  let peerDone: (() => void) | null = null;

  channel?.addEventListener('message', ({ data }) => {
    if (data.type === 'refreshing') {
      peerRefresh ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => peerDone?.(), peerTimeoutMs);
        peerDone = () => {
          clearTimeout(timer);
          peerRefresh = null;
          peerDone = null;
          resolve();
        };
      });
      return;
    }
    if (data.type === 'refreshed') generation += 1;
    peerDone?.();
  });

  async function refreshOnce(seenGeneration: number): Promise<boolean> {
    if (generation > seenGeneration) return true;
    channel?.postMessage({ type: 'refreshing' });
    const ok = await run().catch(() => false);
    if (ok) generation += 1;
    channel?.postMessage({ type: ok ? 'refreshed' : 'refresh-failed' });
    return ok;
  }

  async function withLock(lockManager: LockRequester, seenGeneration: number): Promise<boolean> {
    const outcome = await lockManager.request(lockName, { ifAvailable: true }, async (lock) =>
      lock ? refreshOnce(seenGeneration) : null,
    );
    if (outcome !== null) return outcome;
    return lockManager.request(lockName, {}, async () => true);
  }

  async function afterPeers(seenGeneration: number): Promise<boolean> {
    if (peerRefresh) await peerRefresh;
    return refreshOnce(seenGeneration);
  }

  return {
    generation: () => generation,
    refresh(seenGeneration) {
      inFlight ??= (locks ? withLock(locks, seenGeneration) : afterPeers(seenGeneration)).finally(
        () => {
          inFlight = null;
        },
      );
      return inFlight;
    },
  };
}
