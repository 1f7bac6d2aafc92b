/**
 * expo-secure-store, kept in memory. As documented: keys are non-empty and made of
 * alphanumerics, `.`, `-` and `_` (anything else rejects); values are strings (anything else
 * rejects); reading a missing key resolves null; deleting a missing key succeeds.
 * `secureStoreFake.contents()` shows what is kept, `reset()` empties it between tests.
 */
const items = new Map<string, string>();

function checkKey(key: string): void {
  if (typeof key !== 'string' || !/^[\w.-]+$/.test(key)) {
    throw new Error(
      `Invalid key provided to SecureStore. Keys must not be empty and contain only alphanumeric characters, ".", "-", and "_".`,
    );
  }
}

export async function getItemAsync(key: string): Promise<string | null> {
  checkKey(key);
  return items.get(key) ?? null;
}

export async function setItemAsync(key: string, value: string): Promise<void> {
  checkKey(key);
  if (typeof value !== 'string') {
    throw new Error('Invalid value provided to SecureStore. Values must be strings.');
  }
  items.set(key, value);
}

export async function deleteItemAsync(key: string): Promise<void> {
  checkKey(key);
  items.delete(key);
}

export const secureStoreFake = {
  contents: (): Record<string, string> => Object.fromEntries(items),
  reset: (): void => items.clear(),
};
