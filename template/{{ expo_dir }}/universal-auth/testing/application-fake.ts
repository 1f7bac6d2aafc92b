/**
 * expo-application's install identifiers. As documented: `getAndroidId()` returns the
 * Android ID synchronously and `getIosIdForVendorAsync()` resolves iOS's identifier for the
 * vendor (null before the device is unlocked after a restart). Both give the value set by
 * `applicationFake.setId(id)`, so a test can play another device.
 */
const DEFAULT_ID = 'fake-device-0000';
let id: string | null = DEFAULT_ID;

export function getAndroidId(): string {
  return id ?? '';
}

export async function getIosIdForVendorAsync(): Promise<string | null> {
  return id;
}

export const applicationName = 'Auth test app';

export const applicationFake = {
  setId(next: string | null): void {
    id = next;
  },
  reset(): void {
    id = DEFAULT_ID;
  },
};
