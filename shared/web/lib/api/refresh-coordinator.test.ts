import { describe, expect, it, vi } from 'vitest';
import { delay } from '../../test/fake-api';
import { createRefreshCoordinator, type LockRequester } from './refresh-coordinator';

/** A Web Locks stand-in shared by several "tabs": exclusive, FIFO, honours ifAvailable. */
function sharedLocks(): LockRequester {
  let held = false;
  const waiting: Array<() => void> = [];
  return {
    async request(_name, options, callback) {
      if (held && options.ifAvailable) return callback(null);
      if (held) await new Promise<void>((resolve) => waiting.push(resolve));
      held = true;
      try {
        return await callback({});
      } finally {
        const next = waiting.shift();
        if (next) next();
        else held = false;
      }
    },
  };
}

describe('refresh coordinator', () => {
  it('runs one refresh for many concurrent callers in a tab', async () => {
    const run = vi.fn(async () => {
      await delay(5);
      return true;
    });
    const coordinator = createRefreshCoordinator(run);
    const seen = coordinator.generation();
    const results = await Promise.all(Array.from({ length: 8 }, () => coordinator.refresh(seen)));
    expect(results).toEqual(Array(8).fill(true));
    expect(run).toHaveBeenCalledTimes(1);
    expect(coordinator.generation()).toBe(seen + 1);
  });

  it('only retries a request that failed before a refresh that has since completed', async () => {
    const run = vi.fn(async () => true);
    const coordinator = createRefreshCoordinator(run);
    const seen = coordinator.generation();
    await coordinator.refresh(seen);
    await expect(coordinator.refresh(seen)).resolves.toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('reports a failed refresh to every waiting caller', async () => {
    const run = vi.fn(async () => {
      throw new Error('network down');
    });
    const coordinator = createRefreshCoordinator(run);
    const results = await Promise.all([coordinator.refresh(0), coordinator.refresh(0)]);
    expect(results).toEqual([false, false]);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('lets a second tab wait for the lock holder instead of refreshing again', async () => {
    const locks = sharedLocks();
    const runA = vi.fn(async () => {
      await delay(20);
      return true;
    });
    const runB = vi.fn(async () => true);
    const tabA = createRefreshCoordinator(runA, { locks });
    const tabB = createRefreshCoordinator(runB, { locks });
    const results = await Promise.all([tabA.refresh(0), tabB.refresh(0), tabB.refresh(0)]);
    expect(results).toEqual([true, true, true]);
    expect(runA).toHaveBeenCalledTimes(1);
    expect(runB).not.toHaveBeenCalled();
  });

  it('falls back to BroadcastChannel notices when Web Locks is missing', async () => {
    const name = `refresh-test-${Math.random()}`;
    const channelA = new BroadcastChannel(name);
    const channelB = new BroadcastChannel(name);
    const runA = vi.fn(async () => {
      await delay(30);
      return true;
    });
    const runB = vi.fn(async () => true);
    const tabA = createRefreshCoordinator(runA, { channel: channelA });
    const tabB = createRefreshCoordinator(runB, { channel: channelB });
    const seenByB = tabB.generation();
    const refreshA = tabA.refresh(0);
    await delay(10);
    await expect(tabB.refresh(seenByB)).resolves.toBe(true);
    await refreshA;
    expect(runA).toHaveBeenCalledTimes(1);
    expect(runB).not.toHaveBeenCalled();
    channelA.close();
    channelB.close();
  });
});
